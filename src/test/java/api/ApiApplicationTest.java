package api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import testsupport.FilflowInstance;
import testsupport.SharedEngines;

/**
 * The whole application: POST /api/v1/admin/index queues a recorded height through the jobs,
 * Kafka and the pipeline, and the API then serves it; /api/v1/status reports the indexer.
 */
class ApiApplicationTest {
    private static final long HEIGHT = 3140097L;
    /** Holds the EVM deployment of lotus/creations.json, resolved by the contract listener. */
    private static final long CREATION_HEIGHT = 3573064L;

    @Test
    void anAdminIndexRequestIsServedOnceIndexed() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(RawFixtures.LOTUS.resolve("mainnet")))) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("lotus.url", node.url().toString());
            settings.put("admin.token", "token-" + id);
            settings.put("filflow.heights.topic", "api-heights-" + id);
            settings.put("filflow.heights.group", "api-indexer-" + id);
            settings.put("filflow.heights.poll-timeout-ms", "200");
            settings.put("filflow.jobs.follow.enabled", "false");
            settings.put("filflow.jobs.gaps.period-ms", "600000");
            settings.put("filflow.pipeline.new-contract.topic", "api-new-contract-" + id);
            settings.put("filflow.contracts.group", "api-contracts-" + id);
            try (FilflowInstance app = FilflowInstance.start(SharedEngines.newTempDir(), settings)) {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(app.apiUrl("/api/v1/admin/index"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"heights\":[" + HEIGHT + "]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(401);

                HttpResponse<String> queued = http.send(HttpRequest.newBuilder(app.apiUrl("/api/v1/admin/index"))
                        .header("Authorization", "Bearer token-" + id)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"heights\":[" + HEIGHT + "," + CREATION_HEIGHT + "]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
                assertThat(ApiJson.MAPPER.readTree(queued.body()).get("heights").asLong()).isEqualTo(2);

                RawFixtures raw = new RawFixtures("mainnet", HEIGHT);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    HttpResponse<String> t = FilflowInstance.get(app.apiUrl("/api/v1/tipsets/" + HEIGHT));
                    assertThat(t.statusCode()).isEqualTo(200);
                    assertThat(ApiJson.MAPPER.readTree(t.body()).get("messageCount").asLong())
                            .isEqualTo(raw.traces.stream().filter(x -> !RawFixtures.isImplicit(x)).count());
                });
                // the listener's row: deployer forms and the bytecode hash come from `contracts`
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    HttpResponse<String> c = FilflowInstance.get(app.apiUrl("/api/v1/contracts/f02941146"));
                    assertThat(c.statusCode()).as(c.body()).isEqualTo(200);
                    JsonNode contract = ApiJson.MAPPER.readTree(c.body());
                    assertThat(contract.get("kind").asText()).isEqualTo("evm");
                    assertThat(contract.at("/deployer/delegated").asText()).isEqualTo("f410fxif5ceamiwxfxwoirbkcru3c4gvtcs2tf4satcq");
                    assertThat(contract.path("bytecodeHash").asText()).startsWith("0x");
                });
                HttpResponse<String> code = FilflowInstance.get(app.apiUrl("/api/v1/contracts/0xc27a67a686f6930710449186e141b8ca2969de79/bytecode"));
                assertThat(code.statusCode()).as(code.body()).isEqualTo(200);
                assertThat(ApiJson.MAPPER.readTree(code.body()).get("bytecode").asText()).startsWith("0x");
                HttpResponse<String> status = FilflowInstance.get(app.apiUrl("/api/v1/status"));
                assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
                JsonNode s = ApiJson.MAPPER.readTree(status.body());
                assertThat(s.has("head")).isTrue();
                assertThat(s.get("indexedHeight").asLong()).isGreaterThanOrEqualTo(HEIGHT);
                assertThat(s.get("mode").asText()).isIn("full", "degraded");
                assertThat(FilflowInstance.get(app.apiUrl("/api/v1/openapi.json")).statusCode()).isEqualTo(200);
            }
        }
    }
}
