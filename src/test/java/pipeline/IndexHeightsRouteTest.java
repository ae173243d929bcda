package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.SharedEngines;

/**
 * The YAML routes end to end: {@code direct:index-heights} over a replay node writes the rows and
 * publishes the recorded creations on {@code new_contract}, read back with a real Kafka consumer.
 */
class IndexHeightsRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordedCreationsArriveOnNewContract() throws Exception {
        String topic = "new_contract_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<Long>> heights = Map.of("mainnet", List.of(3573062L, 3573064L),
                "calibnet", List.of(38895L, 1698055L));
        for (Map.Entry<String, List<Long>> e : heights.entrySet()) {
            try (ReplayNode node = ReplayNode.start(ReplayConfig.of(FixtureCounts.LOTUS.resolve(e.getKey())));
                    CamelContext camel = pipelineContext(node, "route_" + e.getKey(), topic)) {
                ProducerTemplate template = camel.createProducerTemplate();
                List<?> results = template.requestBody("direct:index-heights", e.getValue(), List.class);
                assertThat(results).hasSize(e.getValue().size());
                for (Object r : results) {
                    assertThat(((HeightResult) r).error()).isNull();
                }
            }
        }
        List<ConsumerRecord<String, String>> records = consumeAll(topic);
        JsonNode recorded = JSON.readTree(Files.readString(FixtureCounts.LOTUS.resolve("creations.json")))
                .path("creations");
        int expected = 0;
        for (JsonNode want : recorded) {
            if (!want.has("height")) {
                continue;
            }
            expected++;
            List<String> path = new ArrayList<>();
            want.path("subcall_path").forEach(p -> path.add(p.asText()));
            JsonNode got = records.stream().filter(r -> r.key().equals(want.path("msg_cid").asText()))
                    .map(r -> read(r.value())).filter(v -> v.path("callPath").asText().equals(String.join(".", path)))
                    .findFirst().orElseThrow(() -> new AssertionError("not on new_contract: " + want));
            assertThat(got.path("network").asText()).isEqualTo(want.path("network").asText());
            assertThat(got.path("height").asLong()).isEqualTo(want.path("height").asLong());
            assertThat(got.path("messageCid").asText()).isEqualTo(want.path("msg_cid").asText());
            assertThat(got.path("topLevelFrom").asText()).isEqualTo(want.path("top_level_from").asText());
            assertThat(got.path("topLevelTo").asText()).isEqualTo(want.path("top_level_to").asText());
            assertThat(got.path("depth").asInt()).isEqualTo(want.path("depth").asInt());
            assertThat(got.path("actor").asText()).isEqualTo(want.path("actor").asText());
            assertThat(got.path("method").asText()).isEqualTo(want.path("method").asText());
            assertThat(got.path("from").asText()).isEqualTo(want.path("from").asText());
            assertThat(got.path("to").asText()).isEqualTo(want.path("to").asText());
            assertThat(got.path("exitCode").asLong()).isEqualTo(want.path("exit_code").asLong());
            assertThat(got.path("return").asText()).isEqualTo(want.path("return_b64").asText());
            assertThat(got.path("tipsetKey").isArray()).isTrue();
            assertThat(got.path("value").isTextual()).isTrue();
        }
        assertThat(records).hasSize(expected);
    }

    static CamelContext pipelineContext(ReplayNode node, String database, String topic) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Path archive = SharedEngines.newTempDir();
        Properties overrides = new Properties();
        overrides.setProperty("filflow.pipeline.new-contract.topic", topic);
        overrides.setProperty("filflow.pipeline.archive.dir", archive.toString());
        camel.getPropertiesComponent().setLocation("classpath:application.properties");
        camel.getPropertiesComponent().setOverrideProperties(overrides);
        ClickHouseAccess clickHouse = SharedEngines.clickHouse(database);
        camel.getRegistry().bind("clickHouse", clickHouse);
        camel.getRegistry().bind("kafkaBrokers", SharedEngines.kafkaBrokers());
        camel.getRegistry().bind("lotusClient",
                new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry()));
        testsupport.Configurations.apply(camel, new PipelineConfiguration());
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                PluginHelper.getResourceLoader(camel).resolveResource("classpath:routes/index-heights.camel.yaml"));
        camel.start();
        return camel;
    }

    static List<ConsumerRecord<String, String>> consumeAll(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafkaBrokers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && (out.isEmpty() || empty < 3)) {
                var batch = consumer.poll(Duration.ofMillis(500));
                batch.forEach(out::add);
                empty = batch.isEmpty() ? empty + 1 : 0;
            }
        }
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
