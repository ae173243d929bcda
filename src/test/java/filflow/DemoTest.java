package filflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.FilflowInstance;
import testsupport.Fixtures;
import testsupport.SharedEngines;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo as {@code bin/demo} runs it: profile {@code demo} on the application's own embedded
 * engines, offline. It must index the growing synthetic chain, the EVM deployment it replays
 * included, and serve it; and the README's first requests must answer.
 */
class DemoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FROM = Long.parseLong(Settings.bundled().get(ConfigKey.FILFLOW_DEMO_FROM_HEIGHT));
    private static FilflowInstance demo;

    @BeforeAll
    static void start() {
        // the reorg comes early so that the test sees the index follow one
        demo = FilflowInstance.startEmbedded(SharedEngines.newTempDir(), Map.of(
                FilflowInstance.PROFILE, "demo",
                ConfigKey.FILFLOW_DEMO_REORG_EVERY_MS.property(), "20000"));
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void indexesTheGrowingChainWithItsContractAndServesIt() throws Exception {
        JsonNode creation = recordedEvmCreation();
        String eth = creation.at("/decoded_return/EthAddress").asText();
        long actorId = creation.at("/decoded_return/ActorID").asLong();

        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(get("/api/v1/contracts/" + eth).statusCode()).isEqualTo(200));
        JsonNode contract = json("/api/v1/contracts/" + eth);
        assertThat(contract.at("/actor/id").asText()).isEqualTo("f0" + actorId);
        assertThat(contract.path("kind").asText()).isEqualTo("evm");
        // the synthetic chain cycles the four traced mainnet heights; 3573064 is the fourth
        assertThat((contract.path("creationHeight").asLong() - FROM) % 4).isEqualTo(3);

        JsonNode tipset = json("/api/v1/tipsets/" + FROM);
        assertThat(tipset.path("height").asLong()).isEqualTo(FROM);
        assertThat(tipset.path("cids").size()).isPositive();

        long indexed = json("/api/v1/status").path("indexedHeight").asLong();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(json("/api/v1/status").path("indexedHeight").asLong()).as("the index follows the growing head")
                        .isGreaterThan(indexed));
    }

    @Test
    void theReadmesFirstRequestsAnswer() throws Exception {
        List<String> paths = readmeFirstRequestPaths();
        assertThat(paths).isNotEmpty();
        for (String path : paths) {
            URI uri = path.startsWith("/observe/") ? demo.managementUrl(path) : demo.apiUrl(path);
            HttpResponse<String> response = FilflowInstance.get(uri);
            // health is 503 while a dependency is down; here all are up (the demo's Lotus is in-process)
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        }
    }

    @Test
    void theApiIndexListsTheEndpointsAndTheOpenApiDocument() throws Exception {
        JsonNode index = json("/api/v1/");
        assertThat(index.path("openapi").asText()).isEqualTo("/api/v1/openapi.json");
        assertThat(index.path("endpoints").findValuesAsText("path"))
                .contains("/api/v1/tipsets/{height}", "/api/v1/messages/{cid}", "/api/v1/search", "/api/v1/status");
        assertThat(get(index.path("openapi").asText()).statusCode()).isEqualTo(200);
    }

    /** The paths of the curl lines in the README's "A first request" block, for the local ports. */
    static List<String> readmeFirstRequestPaths() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## A first request");
        assertThat(section).as("README has 'A first request'").isNotNegative();
        int open = readme.indexOf("```\n", section);
        int close = readme.indexOf("```", open + 4);
        Matcher m = Pattern.compile("curl -s http://localhost:\\d+(\\S+)").matcher(readme.substring(open, close));
        List<String> paths = new java.util.ArrayList<>();
        while (m.find()) {
            paths.add(m.group(1));
        }
        return paths;
    }

    private static JsonNode recordedEvmCreation() throws Exception {
        for (JsonNode c : JSON.readTree(Fixtures.LOTUS.resolve("creations.json").toFile()).path("creations")) {
            if (c.path("height").asLong() == 3573064 && "CreateExternal".equals(c.path("method").asText())) {
                return c;
            }
        }
        throw new AssertionError("creations.json has the 3573064 deployment");
    }

    private static HttpResponse<String> get(String path) {
        return FilflowInstance.get(demo.apiUrl(path));
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
