package filflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Docker cannot run here, so the production topology is checked by reading it. */
class DockerComposeTest {
    private static final JsonNode COMPOSE = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void hasTheProductionServices() {
        List<String> services = new ArrayList<>();
        COMPOSE.path("services").fieldNames().forEachRemaining(services::add);

        assertThat(services).containsExactlyInAnyOrder("clickhouse", "kafka", "postgres", "lotus", "filflow");
        assertThat(COMPOSE.at("/services/clickhouse/image").asText()).startsWith("clickhouse/clickhouse-server:");
        assertThat(COMPOSE.at("/services/kafka/image").asText()).isEqualTo("apache/kafka:3.9.1");
        assertThat(COMPOSE.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(COMPOSE.at("/services/postgres/image").asText()).isEqualTo("postgres:17");
        assertThat(COMPOSE.at("/services/lotus/image").asText()).contains("lotus");
        assertThat(COMPOSE.at("/services/lotus/volumes").toString()).contains("lotus-data:");
        assertThat(COMPOSE.at("/services/filflow/build").asText()).isEqualTo(".");
        assertThat(Files.exists(Path.of("Dockerfile"))).isTrue();
    }

    @Test
    void everyServiceHasAnImageOrBuildAndAHealthCheck() {
        COMPOSE.path("services").fields().forEachRemaining(service -> {
            JsonNode definition = service.getValue();
            assertThat(definition.has("image") || definition.has("build")).as(service.getKey() + " image/build").isTrue();
            assertThat(definition.at("/healthcheck/test").isArray()).as(service.getKey() + " healthcheck").isTrue();
        });
    }

    @Test
    void filflowEnvironmentNamesAreConfigKeysCoveringTheDeploymentSettings() throws IOException {
        List<String> names = new ArrayList<>();
        COMPOSE.at("/services/filflow/environment").fieldNames().forEachRemaining(names::add);

        assertThat(names).isSubsetOf(Arrays.stream(ConfigKey.values()).map(ConfigKey::env).toList());
        List<String> deployment = new ArrayList<>(ConfigurationDocsTest.configurationTable().keySet());
        // the image has no embedded engine to configure
        deployment.remove(ConfigKey.CHDB_LIBRARY.env());
        assertThat(names).containsAll(deployment);
    }

    @Test
    void filflowPointsAtEveryServer() {
        JsonNode env = COMPOSE.at("/services/filflow/environment");
        assertThat(env.path("CLICKHOUSE_URL").asText()).isEqualTo("http://clickhouse:8123");
        assertThat(env.path("KAFKA_BROKERS").asText()).isEqualTo("kafka:9092");
        assertThat(env.path("POSTGRES_URL").asText()).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(env.path("LOTUS_URL").asText()).isEqualTo("http://lotus:1234/rpc/v1");
    }
}
