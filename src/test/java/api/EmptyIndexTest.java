package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import testsupport.SharedEngines;

/** Every endpoint over a migrated but empty index: every query runs on the real engine, nothing is a 500. */
class EmptyIndexTest {
    private static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(Map.of("clickHouse", SharedEngines.clickHouse("api_empty")), Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/tipsets/5",
            "/api/v1/blocks/bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is",
            "/api/v1/messages/bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is",
            "/api/v1/messages/bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is/subcalls",
            "/api/v1/messages/0xabababababababababababababababababababababababababababababababab/events",
            "/api/v1/contracts/f01234",
            "/api/v1/contracts/f01234/messages",
            "/api/v1/contracts/f01234/bytecode",
            "/api/v1/search?q=5",
            "/api/v1/search?q=f01234",
            "/api/v1/search?q=bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is",
            "/api/v1/search?q=0xabababababababababababababababababababababababababababababababab",
            "/api/v1/search?q=someproject"})
    void unknownThingsAre404(String path) throws Exception {
        ApiServer.Answer a = server.get(path);
        assertThat(a.status()).as(a.body()).isEqualTo(404);
        assertThat(ApiJson.MAPPER.readTree(a.body()).at("/error/code").asText()).isEqualTo("NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/tipsets?from=1&to=10",
            "/api/v1/tipsets",
            "/api/v1/messages?height=5",
            "/api/v1/messages?height=5&method=2&implicit=false",
            "/api/v1/messages?block=bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is",
            "/api/v1/messages?address=f01234&includeSubcalls=true",
            "/api/v1/messages?address=f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za",
            "/api/v1/messages?method=3844450837",
            "/api/v1/contracts?owner=f01234"})
    void emptyListsAreEmpty(String path) throws Exception {
        ApiServer.Answer a = server.get(path);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode page = ApiJson.MAPPER.readTree(a.body());
        assertThat(page.get("items").size()).isZero();
        assertThat(page.has("nextCursor")).isTrue();
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }
}
