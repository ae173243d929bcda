package jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.query.GenericRecord;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import lotus.ResultReader;
import replay.Faults;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import storage.ClickHouseAccess;
import testsupport.FilflowInstance;
import testsupport.Fixtures;
import testsupport.SharedEngines;

/**
 * The whole application (camel-main, real engines, the real per-height pipeline) indexing a
 * synthetic chain from the replay node: follow through null rounds, a reorg and a growing head;
 * an abrupt stop mid-walk and a restart on the same data directory; a height whose StateCompute
 * keeps failing; two instances sharing a walk. Expected rows come from the node's raw traces.
 */
class IndexingEndToEndTest {
    private static final Path CALIBNET = Fixtures.CALIBNET;
    private ClickHouseAccess clickHouse;
    private String id;

    @BeforeEach
    void fresh() throws Exception {
        clickHouse = SharedEngines.clickHouse();
        id = UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = SharedEngines.postgres().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE indexer_cursor, index_walks, scheduler_observations");
        }
        // the status (indexed height, gaps) reads every report: start each test from none
        clickHouse.client().execute("TRUNCATE TABLE processing_reports").get().close();
    }

    @Test
    void followIndexesASyntheticChainThroughNullRoundsAReorgAndAGrowingHead() {
        long from = 2_000_000;
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(CALIBNET)
                .withSynthetic(SyntheticOptions.of(from, 520).withNullEvery(9)))) {
            LotusClient lotus = lotus(node);
            Map<String, String> settings = settings(node);
            settings.put("filflow.jobs.follow.enabled", "true");
            settings.put("filflow.jobs.follow.start-height", Long.toString(from));
            try (FilflowInstance app = FilflowInstance.start(SharedEngines.newTempDir(), settings)) {
                long head = lotus.chainHead().height();
                awaitIndexed(from, head - 5, Duration.ofMinutes(6));
                lotus.call("Replay.Reorg", ResultReader.of(Object.class), 10);
                lotus.call("Replay.AdvanceHead", ResultReader.of(Object.class), 10);
                long newHead = lotus.chainHead().height();
                assertThat(newHead).as("the head grew (it may be a null round's predecessor)").isGreaterThan(head + 8);
                LotusNodeChain chain = new LotusNodeChain(lotus);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        successfulHeights(from, newHead - 5) == newHead - 5 - from + 1
                                && storedKeysMatchNode(chain, newHead - 30, newHead - 5));
                assertThat(successfulHeights(newHead - 4, newHead)).as("nothing above head - confidence").isZero();

                Map<Long, RawTraceCounts.Expected> expected = RawTraceCounts.of(lotus, from, newHead - 5);
                assertCountsExact(expected, from, newHead - 5);
                assertThat(orphanedMessageRows(newHead - 30, newHead - 5))
                        .as("the reorged heights' old rows are still in the table, just not canonical").isPositive();
                IndexingStatus status = app.context().getRegistry()
                        .lookupByNameAndType("indexingJobs", IndexingJobs.class).status();
                assertThat(status.gaps()).isZero();
                assertThat(status.indexedHeight()).isEqualTo(newHead - 5);
                assertThat(status.head()).isEqualTo(newHead);
                assertThat(status.confidence()).isEqualTo(5);
            }
        }
    }

    @Test
    void anAbruptStopMidWalkLosesNoHeightAndDuplicatesNoRow() {
        long from = 2_100_000;
        long to = from + 159;
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(CALIBNET)
                .withSynthetic(SyntheticOptions.of(from, 170).withNullEvery(11)))) {
            Map<String, String> settings = settings(node);
            settings.put("camel.main.shutdown-timeout", "1");
            Path dataDir = SharedEngines.newTempDir();
            try (FilflowInstance first = FilflowInstance.start(dataDir, settings)) {
                jobs(first).submitRange(from, to);
                await().atMost(Duration.ofMinutes(3)).until(() -> successfulHeights(from, to) >= 30);
            }
            assertThat(successfulHeights(from, to)).as("stopped mid-walk").isLessThan(to - from + 1);
            try (FilflowInstance restarted = FilflowInstance.start(dataDir, settings)) {
                awaitIndexed(from, to, Duration.ofMinutes(4));
            }
            assertCountsExact(RawTraceCounts.of(lotus(node), from, to), from, to);
        }
    }

    @Test
    void aHeightWhoseStateComputeKeepsFailingIsAReportedGapFilledOnceTheNodeRecovers() {
        long from = 2_200_000;
        long to = from + 29;
        long failing = from + 13;
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(CALIBNET)
                .withSynthetic(SyntheticOptions.of(from, 40))
                .withFaults(Faults.failHeight(failing, 1_000_000, Faults.Kind.RPC_ERROR)))) {
            Map<String, String> settings = settings(node);
            settings.put("filflow.jobs.gaps.period-ms", "1500");
            try (FilflowInstance app = FilflowInstance.start(SharedEngines.newTempDir(), settings)) {
                jobs(app).submitRange(from, to);
                await().atMost(Duration.ofMinutes(3)).until(() -> successfulHeights(from, to) == to - from);
                await().atMost(Duration.ofMinutes(1)).until(() -> latestStatus(failing).equals("failed"));
                assertThat(jobs(app).status().gaps()).isPositive();
                assertThat(jobs(app).status().lastError()).contains("injected failure");
                // what the status page lists: the failed height with its error, the walk, heights per minute
                IndexingJobs.Progress progress = jobs(app).progress();
                assertThat(progress.failures()).anySatisfy(f -> {
                    assertThat(f.height()).isEqualTo(failing);
                    assertThat(f.error()).contains("injected failure");
                });
                assertThat(progress.walks()).anySatisfy(w -> {
                    assertThat(w.from()).isEqualTo(from);
                    assertThat(w.to()).isEqualTo(to);
                });
                // (at least: other tests of this JVM may have indexed into the same tables this hour)
                assertThat(progress.throughput().stream().mapToLong(ProcessingReports.Minute::heights).sum())
                        .isGreaterThanOrEqualTo(to - from);

                lotus(node).call("Replay.FailHeight", ResultReader.of(Object.class), failing, 0, null);
                awaitIndexed(from, to, Duration.ofMinutes(2));
                await().atMost(Duration.ofSeconds(30)).until(() -> jobs(app).status().gaps() == 0);
            }
            assertCountsExact(RawTraceCounts.of(lotus(node), from, to), from, to);
        }
    }

    @Test
    void twoInstancesInOneGroupShareAWalkWithoutGapsOrDuplicates() {
        long from = 2_300_000;
        long to = from + 119;
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(CALIBNET)
                .withSynthetic(SyntheticOptions.of(from, 130).withNullEvery(13)))) {
            Map<String, String> settings = settings(node);
            settings.put("filflow.heights.max-poll-records", "5");
            try (FilflowInstance a = FilflowInstance.start(SharedEngines.newTempDir(), settings);
                 FilflowInstance b = FilflowInstance.start(SharedEngines.newTempDir(), settings)) {
                // both must hold partitions before the walk starts, or a fast first one takes it all
                await().atMost(Duration.ofMinutes(1)).until(() -> membersWithPartitions("indexer-" + id) == 2);
                jobs(a).submitRange(from, to);
                awaitIndexed(from, to, Duration.ofMinutes(4));
                assertThat(batchesConsumed(a)).isPositive();
                assertThat(batchesConsumed(b)).isPositive();
            }
            assertCountsExact(RawTraceCounts.of(lotus(node), from, to), from, to);
        }
    }

    private Map<String, String> settings(ReplayNode node) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lotus.url", node.url().toString());
        settings.put("filflow.heights.topic", "heights-" + id);
        settings.put("filflow.heights.group", "indexer-" + id);
        settings.put("filflow.heights.partitions", "4");
        settings.put("filflow.heights.poll-timeout-ms", "200");
        settings.put("filflow.heights.session-timeout-ms", "6000");
        settings.put("filflow.heights.max-poll-records", "10");
        settings.put("filflow.index.retry.backoff-ms", "100");
        settings.put("filflow.jobs.follow.enabled", "false");
        settings.put("filflow.jobs.follow.period-ms", "300");
        settings.put("filflow.jobs.follow.confidence", "5");
        settings.put("filflow.jobs.walk.period-ms", "200");
        settings.put("filflow.jobs.gaps.period-ms", "600000");
        return settings;
    }

    private static IndexingJobs jobs(FilflowInstance app) {
        return app.context().getRegistry().lookupByNameAndType("indexingJobs", IndexingJobs.class);
    }

    private static long batchesConsumed(FilflowInstance app) {
        return app.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("index-consume").getExchangesCompleted();
    }

    private static long membersWithPartitions(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafkaBrokers()))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        }
    }

    private static LotusClient lotus(ReplayNode node) {
        return new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
    }

    private void awaitIndexed(long from, long to, Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(1))
                .until(() -> successfulHeights(from, to) == to - from + 1);
    }

    private long successfulHeights(long from, long to) {
        return single("""
                SELECT count() AS n FROM (SELECT height, argMax(status, finished_at) AS s FROM processing_reports
                WHERE height BETWEEN {from:UInt64} AND {to:UInt64} GROUP BY height) WHERE s != 'failed'""", from, to);
    }

    private String latestStatus(long height) {
        List<GenericRecord> rows = clickHouse.client().queryAll(
                "SELECT argMax(status, finished_at) AS s FROM processing_reports WHERE height = {h:UInt64}",
                Map.of("h", height));
        return rows.isEmpty() ? "" : rows.get(0).getString("s");
    }

    private boolean storedKeysMatchNode(LotusNodeChain chain, long from, long to) {
        Map<Long, String> stored = new StoredTipsets(clickHouse.client()).keys(new HeightRange(from, to));
        for (long h = from; h <= to; h++) {
            if (!chain.keyAt(h).equals(stored.get(h))) {
                return false;
            }
        }
        return true;
    }

    private long orphanedMessageRows(long from, long to) {
        return single("""
                SELECT count() AS n FROM messages FINAL WHERE height BETWEEN {from:UInt64} AND {to:UInt64}
                AND (height, tipset_key) NOT IN (SELECT height, tipset_key FROM tipsets FINAL)""", from, to);
    }

    /** Per height: canonical messages and sub-calls as the raw traces say, no row twice, null rounds empty. */
    private void assertCountsExact(Map<Long, RawTraceCounts.Expected> expected, long from, long to) {
        Map<Long, long[]> actual = new HashMap<>();
        for (GenericRecord r : clickHouse.client().queryAll("""
                SELECT height, countIf(kind = 'm') AS messages, countIf(kind = 's') AS subcalls FROM (
                    SELECT height, 'm' AS kind FROM canonical_messages WHERE height BETWEEN {from:UInt64} AND {to:UInt64}
                    UNION ALL
                    SELECT height, 's' AS kind FROM canonical_subcalls WHERE height BETWEEN {from:UInt64} AND {to:UInt64})
                GROUP BY height""", Map.of("from", from, "to", to))) {
            actual.put(r.getLong("height"), new long[] {r.getLong("messages"), r.getLong("subcalls")});
        }
        Map<Long, Boolean> nullRounds = new HashMap<>();
        for (GenericRecord r : clickHouse.client().queryAll(
                "SELECT height, null_round FROM tipsets FINAL WHERE height BETWEEN {from:UInt64} AND {to:UInt64}",
                Map.of("from", from, "to", to))) {
            nullRounds.put(r.getLong("height"), r.getInteger("null_round") == 1);
        }
        long messages = 0;
        long subcalls = 0;
        for (var e : expected.entrySet()) {
            long[] got = actual.getOrDefault(e.getKey(), new long[2]);
            assertThat(got).as("messages, sub-calls at %d", e.getKey())
                    .containsExactly(e.getValue().messages(), e.getValue().subcalls());
            assertThat(nullRounds.get(e.getKey())).as("null round at %d", e.getKey()).isEqualTo(e.getValue().nullRound());
            messages += e.getValue().messages();
            subcalls += e.getValue().subcalls();
        }
        assertThat(single("SELECT count() AS n FROM messages FINAL WHERE height BETWEEN {from:UInt64} AND {to:UInt64} "
                + "AND (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL)", from, to))
                .as("messages, count() with FINAL").isEqualTo(messages);
        assertThat(single("SELECT count() AS n FROM subcalls FINAL WHERE height BETWEEN {from:UInt64} AND {to:UInt64} "
                + "AND (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL)", from, to))
                .as("sub-calls, count() with FINAL").isEqualTo(subcalls);
        assertThat(messages).isPositive();
    }

    private long single(String sql, long from, long to) {
        return clickHouse.client().queryAll(sql, Map.of("from", from, "to", to)).get(0).getLong("n");
    }
}
