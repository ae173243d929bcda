package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import storage.ClickHouseAccess;

/**
 * Answers of final data (a height at least 900 epochs below the highest indexed tipset) are
 * served from memory with an ETag and {@code Cache-Control: immutable}; anything newer is asked
 * of ClickHouse every time. Two recorded mainnet heights are indexed: 2907480 (final, 665,584
 * epochs below) and 3573064 (the highest, not final).
 */
class FinalDataCacheTest {
    private static final long FINAL = 2907480L;
    private static final long RECENT = 3573064L;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ClickHouseAccess clickHouse;
    private static ApiServer api;
    private static RawFixtures finalRaw;
    private static RawFixtures recentRaw;

    @BeforeAll
    static void indexAndServe() throws Exception {
        clickHouse = IndexedFixtures.index("mainnet", List.of(FINAL, RECENT), "api_final_cache");
        api = ApiServer.start(Map.of("clickHouse", clickHouse), Map.of());
        finalRaw = new RawFixtures("mainnet", FINAL);
        recentRaw = new RawFixtures("mainnet", RECENT);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void finalAnswersCarryAnEtagAndAreImmutableAndARevalidationIsA304() throws Exception {
        String cid = RawFixtures.msgCid(finalRaw.traces.get(0));
        HttpResponse<String> first = get("/api/v1/messages/" + cid, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).path("cid").asText()).isEqualTo(cid);
        assertThat(json(first).path("height").asLong()).isEqualTo(FINAL);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{24}\"");
        assertThat(first.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");

        HttpResponse<String> again = get("/api/v1/messages/" + cid, null);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("ETag")).contains(etag);

        HttpResponse<String> revalidated = get("/api/v1/messages/" + cid, etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(get("/api/v1/messages/" + cid, "\"something-else\"").statusCode()).isEqualTo(200);
    }

    @Test
    void answersAboveTheFinalityAreNeitherTaggedNorCached() throws Exception {
        String cid = RawFixtures.msgCid(recentRaw.traces.get(0));
        HttpResponse<String> r = get("/api/v1/messages/" + cid, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("height").asLong()).isEqualTo(RECENT);
        assertThat(r.headers().firstValue("ETag")).isEmpty();
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).doesNotContain("immutable");
        assertThat(get("/api/v1/tipsets/" + RECENT, null).headers().firstValue("ETag")).isEmpty();
        String sender = recentRaw.traces.get(0).at("/Msg/From").asText();
        assertThat(get("/api/v1/messages?address=" + sender, null).headers().firstValue("ETag")).isEmpty();
        // a list by address grows with every height, even when it holds only final messages
        String oldSender = finalRaw.traces.get(0).at("/Msg/From").asText();
        assertThat(get("/api/v1/messages?address=" + oldSender, null).headers().firstValue("ETag")).isEmpty();
        assertThat(get("/api/v1/tipsets/" + (RECENT + 1), null).statusCode()).isEqualTo(404);
    }

    @Test
    void tipsetsBlocksListsOfAHeightAndSearchesOfFinalDataAreTagged() throws Exception {
        String block = finalRaw.tipsetCids().get(0);
        String cid = RawFixtures.msgCid(finalRaw.traces.get(1));
        for (String path : List.of("/api/v1/tipsets/" + FINAL, "/api/v1/blocks/" + block,
                "/api/v1/messages?height=" + FINAL, "/api/v1/messages?block=" + block,
                "/api/v1/messages/" + cid + "/subcalls",
                "/api/v1/search?q=" + FINAL, "/api/v1/search?q=" + cid)) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("ETag")).as(path).isPresent();
        }
        // events are decoded with the ABIs of verified contracts, so a verification changes them: never tagged
        HttpResponse<String> events = get("/api/v1/messages/" + cid + "/events", null);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(json(events).path("height").asLong()).isEqualTo(FINAL);
        assertThat(events.headers().firstValue("ETag")).isEmpty();
    }

    /** The proof that final answers come from memory: with the rows gone, they are still served, newer ones are not. */
    @Test
    void finalAnswersAreServedFromMemoryOnceComputed() throws Exception {
        String finalCid = RawFixtures.msgCid(finalRaw.traces.get(2));
        String recentCid = RawFixtures.msgCid(recentRaw.traces.get(2));
        String before = get("/api/v1/messages/" + finalCid, null).body();
        assertThat(get("/api/v1/messages/" + recentCid, null).statusCode()).isEqualTo(200);

        clickHouse.client().execute("TRUNCATE TABLE messages").get().close();
        try {
            HttpResponse<String> cached = get("/api/v1/messages/" + finalCid, null);
            assertThat(cached.statusCode()).isEqualTo(200);
            assertThat(cached.body()).isEqualTo(before);
            assertThat(get("/api/v1/messages/" + recentCid, null).statusCode()).isEqualTo(404);
        } finally {
            // the other tests of this class read messages too: put them back as the pipeline wrote them
            IndexedFixtures.reindex("mainnet", List.of(FINAL, RECENT), clickHouse);
        }
    }

    private static HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).GET();
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiJson.MAPPER.readTree(r.body());
    }
}
