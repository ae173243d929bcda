package jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import embedded.ChdbProcess;
import embedded.EmbeddedKafka;
import embedded.EmbeddedPostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import lotus.ResultReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import pipeline.FixtureCounts;
import storage.ClickHouseAccess;
import testsupport.FilflowProcess;
import testsupport.Fixtures;
import testsupport.SharedEngines;
import testsupport.TcpProxy;

/**
 * The chaos test (issue 14): filflow as a separate operating-system process follows a synthetic
 * chain from the replay node while the test, at random points, {@code kill -9}s it (also right
 * after a reorg and while the listener works on creations) and restarts it on the same DATA_DIR,
 * and stops and restarts ClickHouse (the chDB server process), PostgreSQL, the Kafka broker and
 * the replay node. At the end every height holds exactly the messages and sub-calls of the node's
 * raw traces and the events and creations of the recording it replays, no row is there twice, {@code new_contract} holds every canonical creation, and no
 * process is left.
 * <p>
 * Short by default (CI: a few minutes); the full run: {@code -Dchaos.heights=400 -Dchaos.faults=24}
 * ({@code -Dchaos.seed=N} replays a run). It prints its figures.
 */
class ChaosTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONFIDENCE = 5;

    enum Fault { KILL_FILFLOW, REORG_THEN_KILL, RESTART_CLICKHOUSE, RESTART_POSTGRES, RESTART_KAFKA, RESTART_NODE }

    @Test
    void nothingIsLostOrDuplicatedUnderKillNineAndEngineRestarts() throws Exception {
        long heights = Long.getLong("chaos.heights", 60);
        int faults = Integer.getInteger("chaos.faults", Fault.values().length);
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        long from = 2_400_000;
        long began = System.nanoTime();
        Path root = SharedEngines.newTempDir();
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<Fault, Integer> done = new LinkedHashMap<>();

        Engines engines = new Engines(root);
        ReplayConfig nodeConfig = ReplayConfig.of(Fixtures.CALIBNET).withPort(freePort())
                .withSynthetic(SyntheticOptions.of(from, heights + CONFIDENCE + 1).withNullEvery(9));
        ReplayNode node = ReplayNode.start(nodeConfig);
        Path dataDir = root.resolve("filflow");
        Map<String, String> settings = settings(engines, node, from, id);
        FilflowProcess app = FilflowProcess.start(dataDir, settings);
        try {
            long to = lotus(node).chainHead().height() - CONFIDENCE;
            for (int i = 0; i < faults; i++) {
                Fault fault = i < Fault.values().length ? Fault.values()[i] : Fault.values()[random.nextInt(Fault.values().length)];
                // strike while the follow job is somewhere in the middle of the chain
                awaitProgress(engines, from, to, Duration.ofMinutes(5));
                Thread.sleep(random.nextInt(3_000));
                switch (fault) {
                    case KILL_FILFLOW -> app = killAndRestart(app, dataDir, settings);
                    case REORG_THEN_KILL -> {
                        lotus(node).call("Replay.Reorg", ResultReader.of(Object.class), 10);
                        Thread.sleep(random.nextInt(2_000));
                        app = killAndRestart(app, dataDir, settings);
                    }
                    case RESTART_CLICKHOUSE -> engines.restartClickHouse();
                    case RESTART_POSTGRES -> engines.restartPostgres();
                    case RESTART_KAFKA -> engines.restartKafka();
                    case RESTART_NODE -> {
                        node.close();
                        Thread.sleep(1_000);
                        node = ReplayNode.start(nodeConfig);
                    }
                }
                done.merge(fault, 1, Integer::sum);
            }
            LotusClient lotus = lotus(node);
            LotusNodeChain chain = new LotusNodeChain(lotus);
            ClickHouseAccess clickHouse = engines.clickHouse();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!(successfulHeights(clickHouse, from, to) == to - from + 1 && storedKeysMatchNode(clickHouse, chain, from, to))) {
                assertThat(System.nanoTime()).as("all heights indexed and canonical within 10 minutes; log %s", app.log())
                        .isLessThan(deadline);
                if (!app.isAlive()) {
                    app = FilflowProcess.start(dataDir, settings); // it must not die by itself, but the check below says so
                    throw new AssertionError("filflow exited by itself; log " + app.log());
                }
                Thread.sleep(1_000);
            }

            Map<Long, RawTraceCounts.Expected> expected = RawTraceCounts.of(lotus, from, to);
            long rows = assertCountsExact(clickHouse, expected, from, to);
            assertNoDuplicates(clickHouse, from, to);
            int creations = assertEveryCreationAnnounced(clickHouse, engines.kafkaBrokers(), "chaos-new-contract-" + id, from, to);
            app.stop();
            assertThat(app.isAlive()).isFalse();
            System.out.printf("chaos: seed %d, %d heights (%d..%d) checked, %d rows compared, %d creations announced; "
                    + "faults survived %s; %d s; load %s%n", seed, to - from + 1, from, to, rows, creations, done,
                    (System.nanoTime() - began) / 1_000_000_000, loadAverage());
        } finally {
            app.close();
            node.close();
            engines.close();
        }
        List<ProcessHandle> left = FilflowProcess.processesNaming(root.toString());
        long until = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!left.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(250);
            left = FilflowProcess.processesNaming(root.toString());
        }
        assertThat(left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                .as("processes left").isEmpty();
    }

    private static FilflowProcess killAndRestart(FilflowProcess app, Path dataDir, Map<String, String> settings) {
        app.kill9();
        app.close();
        return FilflowProcess.start(dataDir, settings);
    }

    private static Map<String, String> settings(Engines engines, ReplayNode node, long from, String id) {
        Map<String, String> s = new LinkedHashMap<>(engines.settings());
        s.put("lotus.url", node.url().toString());
        s.put("filflow.heights.topic", "chaos-heights-" + id);
        s.put("filflow.heights.group", "chaos-indexer-" + id);
        s.put("filflow.heights.partitions", "4");
        s.put("filflow.heights.poll-timeout-ms", "200");
        s.put("filflow.heights.session-timeout-ms", "6000");
        s.put("filflow.heights.max-poll-records", "5");
        s.put("filflow.index.retry.backoff-ms", "200");
        s.put("filflow.index.retry.max-backoff-ms", "5000");
        s.put("filflow.jobs.follow.enabled", "true");
        s.put("filflow.jobs.follow.start-height", Long.toString(from));
        s.put("filflow.jobs.follow.period-ms", "500");
        s.put("filflow.jobs.follow.confidence", Integer.toString(CONFIDENCE));
        s.put("filflow.jobs.follow.reorg-window", "20");
        s.put("filflow.jobs.gaps.period-ms", "5000");
        s.put("filflow.jobs.in-flight", "40");
        s.put("filflow.pipeline.new-contract.topic", "chaos-new-contract-" + id);
        s.put("filflow.contracts.group", "chaos-contracts-" + id);
        s.put("filflow.contracts.dlq-topic", "chaos-new-contract-" + id + ".dlq");
        s.put("filflow.contracts.retry.max-backoff-ms", "5000");
        s.put("camel.main.shutdown-timeout", "5");
        return s;
    }

    /** Waits until some but not all heights are indexed (or the time passes: then the fault strikes anyway). */
    private static void awaitProgress(Engines engines, long from, long to, Duration within) throws InterruptedException {
        long start = safeSuccessful(engines, from, to);
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && safeSuccessful(engines, from, to) <= start && start < to - from + 1) {
            Thread.sleep(500);
        }
    }

    private static long safeSuccessful(Engines engines, long from, long to) {
        try {
            return successfulHeights(engines.clickHouse(), from, to);
        } catch (RuntimeException e) {
            return 0; // an engine is restarting
        }
    }

    private static long successfulHeights(ClickHouseAccess clickHouse, long from, long to) {
        return clickHouse.client().queryAll("""
                SELECT count() AS n FROM (SELECT height, argMax(status, finished_at) AS s FROM processing_reports
                WHERE height BETWEEN {from:UInt64} AND {to:UInt64} GROUP BY height) WHERE s != 'failed'""",
                Map.of("from", from, "to", to)).get(0).getLong("n");
    }

    private static boolean storedKeysMatchNode(ClickHouseAccess clickHouse, LotusNodeChain chain, long from, long to) {
        Map<Long, String> stored = new StoredTipsets(clickHouse.client()).keys(new HeightRange(from, to));
        for (long h = from; h <= to; h++) {
            if (!chain.keyAt(h).equals(stored.get(h))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per height, canonical messages and sub-calls equal the node's raw traces, and events and
     * creations the recording the synthetic height replays ({@link #replayed}), counted from the
     * fixture files by {@link FixtureCounts}; returns the rows compared.
     */
    private static long assertCountsExact(ClickHouseAccess clickHouse, Map<Long, RawTraceCounts.Expected> expected,
            long from, long to) {
        Map<Long, long[]> actual = new HashMap<>();
        for (GenericRecord r : clickHouse.client().queryAll("""
                SELECT height, countIf(kind = 'm') AS messages, countIf(kind = 's') AS subcalls,
                       countIf(kind = 'e') AS events, countIf(kind = 'c') AS creations FROM (
                    SELECT height, 'm' AS kind FROM canonical_messages WHERE height BETWEEN {from:UInt64} AND {to:UInt64}
                    UNION ALL
                    SELECT height, 's' AS kind FROM canonical_subcalls WHERE height BETWEEN {from:UInt64} AND {to:UInt64}
                    UNION ALL
                    SELECT height, 'e' AS kind FROM canonical_events WHERE height BETWEEN {from:UInt64} AND {to:UInt64}
                    UNION ALL
                    SELECT height, 'c' AS kind FROM canonical_creations WHERE height BETWEEN {from:UInt64} AND {to:UInt64})
                GROUP BY height""", Map.of("from", from, "to", to))) {
            actual.put(r.getLong("height"), new long[] {r.getLong("messages"), r.getLong("subcalls"),
                    r.getLong("events"), r.getLong("creations")});
        }
        long rows = 0;
        long eventsAndCreations = 0;
        for (var e : expected.entrySet()) {
            long h = e.getKey();
            long[] got = actual.getOrDefault(h, new long[4]);
            FixtureCounts.Counts recorded = e.getValue().nullRound() ? null : FixtureCounts.counts("calibnet", replayed(h, from));
            long events = recorded == null ? 0 : recorded.events();
            long creations = recorded == null ? 0 : recorded.creations();
            assertThat(got).as("messages, sub-calls, events, creations at %d (recording %s)", h,
                            recorded == null ? "none: null round" : replayed(h, from))
                    .containsExactly(e.getValue().messages(), e.getValue().subcalls(), events, creations);
            rows += e.getValue().messages() + e.getValue().subcalls() + events + creations;
            eventsAndCreations += events + creations;
        }
        assertThat(rows).as("the chain has data").isPositive();
        assertThat(eventsAndCreations).as("the heights checked hold events or creations").isPositive();
        return rows;
    }

    /**
     * The calibnet recording a synthetic height replays: the recordings with traces in height
     * order, taken in turn from {@code from} (docs/REPLAY-NODE.md, "Synthetic chain").
     */
    private static long replayed(long height, long from) {
        List<Long> traced = FixtureCounts.recordedHeights("calibnet").stream()
                .filter(h -> FixtureCounts.hasTraces("calibnet", h)).toList();
        return traced.get((int) Math.floorMod(height - from, (long) traced.size()));
    }

    /** Under FINAL no canonical row is there twice (by what identifies it, whatever the version). */
    private static void assertNoDuplicates(ClickHouseAccess clickHouse, long from, long to) {
        Map<String, String> identities = Map.of(
                "canonical_messages", "height, cid",
                "canonical_subcalls", "height, message_cid, idx",
                "canonical_events", "height, message_cid, idx",
                "canonical_creations", "height, message_cid, call_path",
                "canonical_blocks", "height, cid");
        identities.forEach((view, key) -> {
            GenericRecord r = clickHouse.client().queryAll("SELECT count() AS n, uniqExact(" + key + ") AS u FROM " + view
                    + " WHERE height BETWEEN {from:UInt64} AND {to:UInt64}", Map.of("from", from, "to", to)).get(0);
            assertThat(r.getLong("n")).as("rows of %s", view).isEqualTo(r.getLong("u"));
        });
    }

    /** Every canonical creation was announced on new_contract (message CID and call path). */
    private static int assertEveryCreationAnnounced(ClickHouseAccess clickHouse, String brokers, String topic,
            long from, long to) throws IOException {
        Set<String> canonical = new HashSet<>();
        for (GenericRecord r : clickHouse.client().queryAll("SELECT message_cid, call_path FROM canonical_creations "
                + "WHERE height BETWEEN {from:UInt64} AND {to:UInt64}", Map.of("from", from, "to", to))) {
            canonical.add(r.getString("message_cid") + "/" + r.getString("call_path"));
        }
        Set<String> announced = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "chaos-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int empty = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (empty < 5 && System.nanoTime() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : batch) {
                    JsonNode v = JSON.readTree(record.value());
                    announced.add(v.path("messageCid").asText() + "/" + v.path("callPath").asText());
                }
                empty = batch.isEmpty() ? empty + 1 : 0;
            }
        }
        assertThat(announced).as("new_contract").containsAll(canonical);
        return canonical.size();
    }

    private static LotusClient lotus(ReplayNode node) {
        return new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The engines as separate servers the test stops and starts: chDB's server process on a fixed
     * port, PostgreSQL behind a TCP proxy (it picks a new port each start), Kafka on fixed ports.
     */
    private static final class Engines implements AutoCloseable {
        private final Path root;
        private final int clickHousePort = freePort();
        private final int kafkaPort = freePort();
        private final int kafkaControllerPort = freePort();
        private ChdbProcess chdb;
        private EmbeddedPostgresServer postgres;
        private EmbeddedKafka kafka;
        private final TcpProxy postgresProxy;
        private ClickHouseAccess clickHouse;

        Engines(Path root) {
            this.root = root;
            chdb = ChdbProcess.start(root.resolve("clickhouse"), clickHousePort);
            postgres = EmbeddedPostgresServer.start(root.resolve("postgres"));
            postgresProxy = new TcpProxy(port(postgres));
            kafka = EmbeddedKafka.start(root.resolve("kafka"), kafkaPort, kafkaControllerPort);
        }

        Map<String, String> settings() {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("clickhouse.url", chdb.url());
            s.put("clickhouse.user", chdb.user());
            s.put("clickhouse.password", chdb.password());
            s.put("kafka.brokers", kafka.bootstrapServers());
            s.put("postgres.url", "jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + "/" + EmbeddedPostgresServer.DATABASE);
            s.put("postgres.user", postgres.user());
            s.put("postgres.password", postgres.password());
            return s;
        }

        synchronized ClickHouseAccess clickHouse() {
            if (clickHouse == null) {
                clickHouse = ClickHouseAccess.open(chdb.url(), chdb.user(), chdb.password(), "default");
            }
            return clickHouse;
        }

        String kafkaBrokers() {
            return kafka.bootstrapServers();
        }

        /** chDB's password is made per start: the restarted server takes the same one (the environment). */
        synchronized void restartClickHouse() {
            String password = chdb.password();
            chdb.close();
            chdb = ChdbProcess.start(ChdbProcess.defaultLibrary(), root.resolve("clickhouse"), clickHousePort, password);
        }

        void restartPostgres() {
            postgres.close();
            postgres = EmbeddedPostgresServer.start(root.resolve("postgres"));
            postgresProxy.retarget(port(postgres));
        }

        void restartKafka() {
            kafka.close();
            kafka = EmbeddedKafka.start(root.resolve("kafka"), kafkaPort, kafkaControllerPort);
        }

        private static int port(EmbeddedPostgresServer server) {
            return URI.create(server.jdbcUrl().substring("jdbc:".length())).getPort();
        }

        @Override
        public void close() {
            if (clickHouse != null) {
                clickHouse.close();
            }
            kafka.close();
            postgresProxy.close();
            postgres.close();
            chdb.close();
        }
    }
}
