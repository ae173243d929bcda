package monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import lotus.ResultReader;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import replay.Faults;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import storage.ClickHouseAccess;
import testsupport.FilflowInstance;
import testsupport.Fixtures;
import testsupport.SharedEngines;

/**
 * The whole application, on the test engines and the replay node, walking ten heights of a
 * synthetic chain of which one keeps failing: /observe/metrics has every metric the Grafana
 * dashboard and the Prometheus rules name, with the counts ClickHouse holds; /api/v1/status shows
 * the walk's progress; the alerts route sends gaps and failing-heights once each to a real HTTP
 * receiver (which refuses the first request) and to Kafka, and once each resolved when the height
 * is indexed after the fault is lifted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FROM = 2_400_000;
    private static final long TO = FROM + 9;
    private static final long FAILING = FROM + 4;
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static String id;
    private static ClickHouseAccess clickHouse;
    private static ReplayNode node;
    private static Receiver webhook;
    private static FilflowInstance app;
    private static long walkId;

    @BeforeAll
    static void walkTenHeightsOneOfWhichFails() throws Exception {
        id = UUID.randomUUID().toString().substring(0, 8);
        clickHouse = SharedEngines.clickHouse("observe_" + id);
        try (Connection c = SharedEngines.postgres().getConnection(); Statement s = c.createStatement()) {
            // the gaps job looks at every walk: none of other tests' (their reports are elsewhere)
            s.execute("TRUNCATE indexer_cursor, index_walks, scheduler_observations");
        }
        node = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET).withSynthetic(SyntheticOptions.of(FROM, 20))
                .withFaults(Faults.failHeight(FAILING, 1_000_000, Faults.Kind.RPC_ERROR)
                        // one 503 the client retries: filflow_lotus_rpc_retries_total has a series
                        .andFailHeight(FROM + 7, 1, Faults.Kind.HTTP_503)));
        webhook = Receiver.start();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lotus.url", node.url().toString());
        settings.put("clickhouse.database", clickHouse.database());
        settings.put("filflow.heights.topic", "heights-" + id);
        settings.put("filflow.heights.group", "indexer-" + id);
        settings.put("filflow.heights.partitions", "2");
        settings.put("filflow.heights.poll-timeout-ms", "200");
        settings.put("filflow.index.retry.attempts", "2");
        settings.put("filflow.index.retry.backoff-ms", "100");
        settings.put("filflow.pipeline.new-contract.topic", "new_contract_" + id);
        settings.put("filflow.contracts.enabled", "false");
        settings.put("filflow.jobs.follow.enabled", "false");
        // longer than a hand-over takes: a second plan before the first one's advance would enqueue twice
        settings.put("filflow.jobs.walk.period-ms", "3000");
        // no gaps job: each height is worked on by one job only, so the counters are exact
        settings.put("filflow.jobs.gaps.enabled", "false");
        settings.put("filflow.observe.sample-period-ms", "300");
        settings.put("filflow.observe.progress-period-ms", "500");
        settings.put("filflow.alerts.pending-ms", "0");
        // a query string with & and = must reach the receiver as it is (RAW in the route)
        settings.put("filflow.alerts.webhook-url", webhook.url() + "?token=s3cret&team=chain");
        settings.put("filflow.alerts.topic", "alerts-" + id);
        app = FilflowInstance.start(SharedEngines.newTempDir(), settings);
        walkId = app.context().getRegistry().lookupByNameAndType("indexingJobs", jobs.IndexingJobs.class)
                .submitRange(FROM, TO).walkId();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> heights("s != 'failed'") == 9 && heights("s = 'failed'") == 1);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void everyMetricTheDashboardAndTheRulesNameIsOnTheMetricsEndpoint() {
        assertThat(FilflowInstance.get(app.apiUrl("/api/v1/status")).statusCode()).isEqualTo(200);
        assertThat(FilflowInstance.get(app.apiUrl("/api/v1/tipsets/not-a-height")).statusCode()).isEqualTo(400);
        // a sample after the last height: the gauges show the walk as it ended
        await().atMost(Duration.ofMinutes(1)).until(() -> value(series(app.metrics()), "filflow_indexed_height", Map.of()) == TO);
        Map<String, List<Map<String, String>>> metrics = seriesLabels(app.metrics());

        List<String> expressions = new ArrayList<>(OpsFiles.dashboardExpressions());
        expressions.addAll(OpsFiles.ruleExpressions());
        for (String expr : expressions) {
            for (String name : OpsFiles.metricNames(expr)) {
                if (!OpsFiles.SYNTHETIC.contains(name)) {
                    assertThat(metrics).as(name + " (in " + expr + ") on /observe/metrics").containsKey(name);
                }
            }
            OpsFiles.matchedLabels(expr).forEach((name, labels) -> {
                for (String label : OpsFiles.SYNTHETIC.contains(name) ? Set.<String>of() : labels) {
                    assertThat(metrics.getOrDefault(name, List.of())).as(name + " has label " + label + " (" + expr + ")")
                            .anySatisfy(series -> assertThat(series).containsKey(label));
                }
            });
        }
    }

    @Test
    @Order(2)
    void theCountersAgreeWithClickHouseAndTheStatusShowsTheWalksProgress() throws Exception {
        Map<String, Double> m = series(app.metrics());
        assertThat(value(m, "filflow_heights_indexed_total", Map.of("indexing_job", "walk", "status", "indexed")))
                .isEqualTo(heights("s = 'indexed'"));
        assertThat(value(m, "filflow_heights_indexed_total", Map.of("indexing_job", "walk", "status", "failed")))
                .isEqualTo(1.0);
        for (String table : List.of("tipsets", "blocks", "messages")) {
            assertThat(value(m, "filflow_clickhouse_rows_inserted_total", Map.of("table", table)))
                    .as(table).isEqualTo(count("SELECT count() AS n FROM " + table));
        }
        assertThat(value(m, "filflow_clickhouse_insert_seconds_count", Map.of("table", "tipsets", "outcome", "ok")))
                .as("one commit-marker insert per batch").isPositive();
        assertThat(value(m, "filflow_lotus_rpc_errors_total", Map.of("kind", "rpc"))).as("the injected failures").isPositive();
        assertThat(value(m, "filflow_api_requests_seconds_count", Map.of("status", "400"))).isEqualTo(1.0);
        assertThat(value(m, "filflow_gaps_heights", Map.of())).isEqualTo(1.0);
        assertThat(value(m, "filflow_failing_heights", Map.of())).isEqualTo(1.0);
        assertThat(value(m, "filflow_alerts_firing", Map.of("alert", "lag"))).as("follow is off: no head, no lag").isZero();

        JsonNode walk = walk();
        assertThat(walk.path("from").asLong()).isEqualTo(FROM);
        assertThat(walk.path("to").asLong()).isEqualTo(TO);
        assertThat(walk.path("done").asLong()).isEqualTo(9);
        assertThat(walk.path("failed").asLong()).isEqualTo(1);
        assertThat(walk.path("finished").asBoolean()).as("every height enqueued").isTrue();
        if (walk.path("rate").asDouble() > 0) {
            assertThat(walk.path("etaSeconds").asLong()).as("one height left").isPositive();
        } else {
            assertThat(walk.path("etaSeconds").isNull()).as("no rate, no ETA").isTrue();
        }
    }

    @Test
    @Order(3)
    void gapsAndFailingHeightsFireOnceAndResolveOnceAtTheWebhookAndOnKafka() throws Exception {
        await().atMost(Duration.ofMinutes(1)).until(() -> webhook.notices().size() >= 2);
        LotusClient lotus = new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
        lotus.call("Replay.FailHeight", ResultReader.of(Object.class), FAILING, 0, null);
        app.context().getRegistry().lookupByNameAndType("indexingJobs", jobs.IndexingJobs.class)
                .submitHeights(List.of(FAILING));
        await().atMost(Duration.ofMinutes(2)).until(() -> webhook.notices().size() >= 4);
        // the index job indexed the height: the walk is complete
        await().atMost(Duration.ofSeconds(30)).until(() -> walk().path("done").asLong() == 10);
        long samples = samplesTaken();
        await().atMost(Duration.ofMinutes(1)).until(() -> samplesTaken() >= samples + 3);   // nothing more may be sent

        List<JsonNode> notices = webhook.notices();
        assertThat(webhook.attempts()).as("the refused first request was sent again").isEqualTo(notices.size() + 1);
        assertThat(notices).hasSize(4);
        for (String alert : List.of("gaps", "failing-heights")) {
            List<JsonNode> mine = notices.stream().filter(n -> n.path("alert").asText().equals(alert)).toList();
            assertThat(mine).extracting(n -> n.path("status").asText()).containsExactly("firing", "resolved");
            assertThat(mine.get(0).path("value").asLong()).isEqualTo(1);
            assertThat(mine.get(0).path("threshold").asLong()).isZero();
            assertThat(mine.get(0).path("endsAt").isNull()).isTrue();
            assertThat(mine.get(1).path("value").asLong()).isZero();
            assertThat(mine.get(1).path("startsAt").asText()).isEqualTo(mine.get(0).path("startsAt").asText());
            assertThat(mine.get(1).path("endsAt").asText()).isNotBlank();
        }
        assertThat(webhook.queries()).allSatisfy(q -> assertThat(Set.of(q.split("&")))
                .containsExactlyInAnyOrder("token=s3cret", "team=chain"));
        assertThat(webhook.contentTypes()).allMatch(t -> t.startsWith("application/json"));

        Map<String, List<String>> onKafka = new HashMap<>();
        readTopic("alerts-" + id, 4).forEach(r -> onKafka.computeIfAbsent(r.key(), k -> new ArrayList<>())
                .add(status(r.value())));
        assertThat(onKafka).containsOnlyKeys("gaps", "failing-heights");
        assertThat(onKafka.get("gaps")).containsExactly("firing", "resolved");
        assertThat(onKafka.get("failing-heights")).containsExactly("firing", "resolved");

        Map<String, Double> m = series(app.metrics());
        assertThat(value(m, "filflow_heights_indexed_total", Map.of("indexing_job", "index", "status", "indexed")))
                .isEqualTo(1.0);
        assertThat(value(m, "filflow_alerts_firing", Map.of("alert", "gaps"))).isZero();
        JsonNode walk = walk();
        assertThat(walk.path("failed").asLong()).isZero();
        assertThat(walk.path("etaSeconds").asLong()).isZero();
    }

    private static long samplesTaken() {
        return app.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("observe-sample").getExchangesCompleted();
    }

    private static JsonNode walk() throws IOException {
        JsonNode status = JSON.readTree(FilflowInstance.get(app.apiUrl("/api/v1/status")).body());
        for (JsonNode w : status.path("walks")) {
            if (w.path("id").asLong() == walkId) {
                return w;
            }
        }
        throw new AssertionError("walk " + walkId + " not in " + status);
    }

    private static String status(String json) {
        try {
            return JSON.readTree(json).path("status").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heights of the walk whose latest report matches {@code condition} on {@code s}, the status. */
    private static double heights(String condition) {
        return count("""
                SELECT count() AS n FROM (SELECT height, argMax(status, finished_at) AS s FROM processing_reports
                WHERE height BETWEEN %d AND %d GROUP BY height) WHERE %s""".formatted(FROM, TO, condition));
    }

    private static double count(String sql) {
        return clickHouse.client().queryAll(sql).get(0).getLong("n");
    }

    /** Every sample of the Prometheus text: "name{labels}" as written → value. */
    private static Map<String, Double> series(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher s = SAMPLE.matcher(line);
            if (!line.startsWith("#") && s.find()) {
                out.put(s.group(1) + (s.group(2) == null ? "" : s.group(2)), Double.parseDouble(s.group(4)));
            }
        }
        return out;
    }

    /** The sum of the samples of {@code name} whose labels include {@code with}. */
    private static double value(Map<String, Double> series, String name, Map<String, String> with) {
        double sum = 0;
        boolean found = false;
        for (Map.Entry<String, Double> e : series.entrySet()) {
            String key = e.getKey();
            if (key.equals(name) || key.startsWith(name + "{")) {
                Map<String, String> labels = parseLabels(key.substring(name.length()));
                if (labels.entrySet().containsAll(with.entrySet())) {
                    sum += e.getValue();
                    found = true;
                }
            }
        }
        assertThat(found).as(name + " " + with + " on /observe/metrics").isTrue();
        return sum;
    }

    private static Map<String, List<Map<String, String>>> seriesLabels(String text) {
        Map<String, List<Map<String, String>>> out = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher s = SAMPLE.matcher(line);
            if (!line.startsWith("#") && s.find()) {
                out.computeIfAbsent(s.group(1), k -> new ArrayList<>()).add(parseLabels(s.group(3)));
            }
        }
        return out;
    }

    private static Map<String, String> parseLabels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher l = LABEL.matcher(text);
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
        }
        return labels;
    }

    private static List<ConsumerRecord<String, String>> readTopic(String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafkaBrokers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    /** A webhook receiver: refuses the very first request (503), keeps the JSON of every accepted one. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger attempts = new AtomicInteger();
        private final List<JsonNode> notices = new CopyOnWriteArrayList<>();
        private final List<String> queries = new CopyOnWriteArrayList<>();
        private final List<String> contentTypes = new CopyOnWriteArrayList<>();

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/hooks/filflow", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = 200;
                if (receiver.attempts.incrementAndGet() == 1 || !"POST".equals(exchange.getRequestMethod())) {
                    status = 503;
                } else {
                    receiver.notices.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
                    receiver.queries.add(exchange.getRequestURI().getRawQuery());
                    receiver.contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/filflow";
        }

        int attempts() {
            return attempts.get();
        }

        List<JsonNode> notices() {
            return List.copyOf(notices);
        }

        List<String> queries() {
            return List.copyOf(queries);
        }

        List<String> contentTypes() {
            return List.copyOf(contentTypes);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
