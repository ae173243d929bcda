package filflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.FilflowInstance;
import testsupport.Fixtures;
import testsupport.SharedEngines;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole application on embedded defaults, as the README's run command starts it: every
 * dependency healthy, then stopped and started again on the same DATA_DIR with its data intact
 * and no child process left behind in between.
 */
class ApplicationBootTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HEIGHT = 4_242_424L;
    private static ReplayNode lotus;

    @BeforeAll
    static void lotus() {
        lotus = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET));
    }

    @AfterAll
    static void stopLotus() {
        lotus.close();
    }

    @Test
    void runsOnEmbeddedEnginesAndKeepsDataAcrossARestart() throws Exception {
        Path dataDir = SharedEngines.newTempDir();
        Map<String, String> overrides = Map.of(ConfigKey.LOTUS_URL.property(), lotus.url().toString());
        Set<Long> before = descendants();

        Set<Long> started;
        try (FilflowInstance app = FilflowInstance.startEmbedded(dataDir, overrides)) {
            assertAllDependenciesUp(app);
            started = descendants();
            started.removeAll(before);
            assertThat(started).as("chDB child and the PostgreSQL watchdog").hasSizeGreaterThanOrEqualTo(2);
            // pg_ctl detaches the postmaster from the JVM; it must stop all the same
            started.add(Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim()));
            write(app.context());
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(started).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));

        try (FilflowInstance app = FilflowInstance.startEmbedded(dataDir, overrides)) {
            assertAllDependenciesUp(app);
            assertDataIsBack(app.context());
        }
    }

    @Test
    void exposesJvmAndRouteMetrics() {
        try (FilflowInstance app = FilflowInstance.start(SharedEngines.newTempDir(),
                Map.of(ConfigKey.LOTUS_URL.property(), lotus.url().toString()))) {
            String metrics = app.metrics();
            assertThat(metrics).contains("jvm_memory_used_bytes").contains("jvm_gc_").contains("process_cpu_usage")
                    .contains("camel_exchanges_total").contains("routeId=");
        }
    }

    @Test
    void anUnreachableLotusLeavesTheAppUpAndHealthNamesLotus() throws Exception {
        try (FilflowInstance app = FilflowInstance.start(SharedEngines.newTempDir(), Map.of())) {
            JsonNode health = JSON.readTree(app.health());
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            assertThat(check(health, "lotus").path("status").asText()).isEqualTo("DOWN");
            assertThat(check(health, "lotus").path("message").asText()).startsWith("Lotus unreachable: ")
                    .contains("Connection refused");
            assertThat(check(health, "clickhouse").path("status").asText()).isEqualTo("UP");
            assertThat(app.context().isStarted()).isTrue();
            // the container's healthcheck asks liveness (the process works), traffic asks readiness
            assertThat(FilflowInstance.get(app.managementUrl("/observe/health/live")).statusCode()).isEqualTo(200);
            assertThat(FilflowInstance.get(app.managementUrl("/observe/health/ready")).statusCode()).isEqualTo(503);
        }
    }

    private static void assertAllDependenciesUp(FilflowInstance app) throws Exception {
        JsonNode health = JSON.readTree(app.health());
        for (String dependency : List.of("clickhouse", "kafka", "postgres", "lotus")) {
            assertThat(check(health, dependency).path("status").asText()).as(dependency + " in " + health).isEqualTo("UP");
        }
        assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("UP");
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check " + name + " in " + health);
    }

    private static void write(CamelContext context) throws Exception {
        ClickHouseAccess clickHouse = context.getRegistry().lookupByNameAndType("clickHouse", ClickHouseAccess.class);
        clickHouse.client().execute("INSERT INTO processing_reports (height, tipset_key, status, mode)"
                + " VALUES ({h:UInt64}, 'boot-test', 'ok', 'full')", Map.of("h", HEIGHT)).get().close();
        DataSource postgres = context.getRegistry().lookupByNameAndType("postgresDataSource", DataSource.class);
        try (Connection connection = postgres.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO indexer_cursor (job, height) VALUES ('boot-test', ?)")) {
            insert.setLong(1, HEIGHT);
            insert.executeUpdate();
        }
        context.createProducerTemplate().sendBody("kafka:boot-test", "height " + HEIGHT);
    }

    private static void assertDataIsBack(CamelContext context) throws Exception {
        ClickHouseAccess clickHouse = context.getRegistry().lookupByNameAndType("clickHouse", ClickHouseAccess.class);
        assertThat(clickHouse.client().queryAll("SELECT tipset_key FROM processing_reports WHERE height = {h:UInt64}",
                Map.of("h", HEIGHT))).extracting(row -> row.getString("tipset_key")).containsExactly("boot-test");
        DataSource postgres = context.getRegistry().lookupByNameAndType("postgresDataSource", DataSource.class);
        try (Connection connection = postgres.getConnection();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT height FROM indexer_cursor WHERE job = 'boot-test'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(HEIGHT);
        }
        ConsumerTemplate consumer = context.createConsumerTemplate();
        String message = consumer.receiveBody("kafka:boot-test?groupId=boot-test&autoOffsetReset=earliest",
                Duration.ofSeconds(30).toMillis(), String.class);
        consumer.stop();
        assertThat(message).isEqualTo("height " + HEIGHT);
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
