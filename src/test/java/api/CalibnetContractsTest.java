package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recorded calibration-net Init Exec creations (lotus/creations.json), indexed by the real
 * pipeline and served with the test network's 't' prefix: found by ID and robust form in either
 * prefix, and by their deployer's robust address.
 */
class CalibnetContractsTest {
    private static ApiServer api;
    private static final List<JsonNode> CREATIONS = new ArrayList<>();

    @BeforeAll
    static void indexAndServe() throws Exception {
        JsonNode all = ApiJson.MAPPER.readTree(RawFixtures.LOTUS.resolve("creations.json").toFile()).get("creations");
        all.forEach(c -> {
            if ("calibnet".equals(c.path("network").asText()) && c.path("exit_code").asInt() == 0) {
                CREATIONS.add(c);
            }
        });
        List<Long> heights = CREATIONS.stream().map(c -> c.get("height").asLong()).distinct().toList();
        var clickHouse = IndexedFixtures.index("calibnet", heights, "api_fixtures_calibnet");
        api = ApiServer.start(Map.of("clickHouse", clickHouse), Map.of("lotus.network", "t"));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void initExecCreationsByEveryForm() throws Exception {
        assertThat(CREATIONS).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode want : CREATIONS) {
            String id = want.at("/decoded_return/IDAddress").asText();
            String robust = want.at("/decoded_return/RobustAddress").asText();
            for (String form : List.of(id, t(id), robust, t(robust))) {
                JsonNode c = get("/api/v1/contracts/" + form);
                assertThat(c.at("/actor/id").asText()).as(form).isEqualTo(t(id));
                assertThat(c.at("/actor/robust").asText()).isEqualTo(t(robust));
                assertThat(c.get("kind").asText()).isIn("native", "wasm");
                assertThat(c.get("creationMessageCid").asText()).isEqualTo(want.get("msg_cid").asText());
                assertThat(c.get("creationHeight").asLong()).isEqualTo(want.get("height").asLong());
                assertThat(c.at("/deployer/id").asText()).isEqualTo(t(want.get("from").asText()));
                assertThat(c.get("creationMethod").asText()).isEqualTo(want.get("method").asText());
            }
            JsonNode owned = get("/api/v1/contracts?owner=" + t(want.get("top_level_from").asText()));
            assertThat(StreamSupport.stream(owned.get("items").spliterator(), false).map(i -> i.at("/actor/id").asText()))
                    .contains(t(id));
            assertThat(api.get("/api/v1/contracts/" + id + "/bytecode").status()).isEqualTo(404);
        }
    }

    private static String t(String address) {
        return "t" + address.substring(1);
    }

    private static JsonNode get(String path) throws Exception {
        ApiServer.Answer a = api.get(path);
        assertThat(a.status()).as(path + " -> " + a.body()).isEqualTo(200);
        return ApiJson.MAPPER.readTree(a.body());
    }
}
