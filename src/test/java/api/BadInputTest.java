package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import testsupport.SharedEngines;

/**
 * Malformed input of every kind gets a 4xx with API.md's error body and a message naming the
 * problem; never a 500. Runs on the real engine, so anything reaching SQL would show.
 */
class BadInputTest {
    private static final String CID = "bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is";
    private static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(Map.of("clickHouse", SharedEngines.clickHouse("api_bad_input")), Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /api/v1/tipsets/-1                                   | 400 | INVALID_HEIGHT  | height
            /api/v1/tipsets/abc                                  | 400 | INVALID_HEIGHT  | height
            /api/v1/tipsets/1.5                                  | 400 | INVALID_HEIGHT  | height
            /api/v1/tipsets/99999999999999999999999999           | 400 | INVALID_HEIGHT  | 18 digits
            /api/v1/tipsets/18446744073709551616                 | 400 | INVALID_HEIGHT  | height
            /api/v1/tipsets/%F0%9F%98%80                         | 400 | INVALID_HEIGHT  | height
            /api/v1/tipsets/1%27%20OR%20%271%27%3D%271           | 400 | INVALID_HEIGHT  | height
            /api/v1/tipsets?from=-5                              | 400 | INVALID_HEIGHT  | from
            /api/v1/tipsets?from=10&to=1                         | 400 | INVALID_RANGE   | from
            /api/v1/tipsets?limit=0                              | 400 | INVALID_LIMIT   | limit
            /api/v1/tipsets?limit=1001                           | 400 | INVALID_LIMIT   | limit
            /api/v1/tipsets?limit=-1                             | 400 | INVALID_LIMIT   | limit
            /api/v1/tipsets?limit=99999999999999999999           | 400 | INVALID_LIMIT   | limit
            /api/v1/tipsets?limit=ten                            | 400 | INVALID_LIMIT   | limit
            /api/v1/tipsets?cursor=garbage                       | 400 | INVALID_CURSOR  | cursor
            /api/v1/tipsets?cursor=%27%3B%20DROP%20TABLE%20tipsets%3B%20--  | 400 | INVALID_CURSOR | cursor
            /api/v1/blocks/notacid                               | 400 | INVALID_CID     | CID
            /api/v1/blocks/bafy2bzacebzmz3bdv2ofqmc7             | 400 | INVALID_CID     | CID
            /api/v1/blocks/%27%20OR%201%3D1%20--                 | 400 | INVALID_CID     | CID
            /api/v1/blocks/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbd0 | 400 | INVALID_CID | CID
            /api/v1/blocks/%E2%82%BF%E2%82%BF                    | 400 | INVALID_CID     | CID
            /api/v1/messages/xyz                                 | 400 | INVALID_CID     | CID
            /api/v1/messages/0x1234                              | 400 | INVALID_CID     | CID
            /api/v1/messages/0xzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz | 400 | INVALID_CID | CID
            /api/v1/messages/notacid/subcalls                    | 400 | INVALID_CID     | CID
            /api/v1/messages/notacid/events                      | 400 | INVALID_CID     | CID
            /api/v1/messages                                     | 400 | MISSING_PARAMETER | height
            /api/v1/messages?height=1&address=f01                | 400 | INVALID_PARAMETER | at most one
            /api/v1/messages?height=1&height=2                   | 400 | INVALID_PARAMETER | once
            /api/v1/messages?address=f1bad                       | 400 | INVALID_ADDRESS | address
            /api/v1/messages?address=0x12                        | 400 | INVALID_ADDRESS | address
            /api/v1/messages?address=x%27%20OR%201%3D1           | 400 | INVALID_ADDRESS | address
            /api/v1/messages?block=nope                          | 400 | INVALID_CID     | block
            /api/v1/messages?method=-1                           | 400 | INVALID_PARAMETER | method
            /api/v1/messages?method=99999999999999999999999      | 400 | INVALID_PARAMETER | method
            /api/v1/messages?height=1&implicit=maybe             | 400 | INVALID_PARAMETER | implicit
            /api/v1/messages?address=f01&includeSubcalls=2       | 400 | INVALID_PARAMETER | includeSubcalls
            /api/v1/messages?height=1&cursor=W10                 | 400 | INVALID_CURSOR  | cursor
            /api/v1/contracts/notanaddress                       | 400 | INVALID_ADDRESS | address
            /api/v1/contracts/f099999999999999999999             | 400 | INVALID_ADDRESS | address
            /api/v1/contracts/%C3%A9%C3%A9                       | 400 | INVALID_ADDRESS | address
            /api/v1/contracts/f01/messages?limit=5000            | 400 | INVALID_LIMIT   | limit
            /api/v1/contracts                                    | 400 | MISSING_PARAMETER | owner
            /api/v1/contracts?owner=%27%3B%20DROP%20TABLE%20creations%3B | 400 | INVALID_ADDRESS | owner
            /api/v1/search                                       | 400 | MISSING_PARAMETER | q
            /api/v1/search?q=                                    | 400 | MISSING_PARAMETER | q
            /api/v1/search?q=99999999999999999999999999999999    | 400 | INVALID_HEIGHT  | q
            /api/v1/search?q=%27%20UNION%20SELECT%201%20--       | 404 | NOT_FOUND       | nothing matches
            /api/v1/search?q=%F0%9F%90%B3%E2%80%8B%00            | 404 | NOT_FOUND       | nothing matches
            /api/v1/search?q=f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3zb | 404 | NOT_FOUND | not a valid address
            """)
    void refusesWithAClearMessage(String path, int status, String code, String mentions) throws Exception {
        ApiServer.Answer a = server.get(path);
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        JsonNode error = ApiJson.MAPPER.readTree(a.body()).get("error");
        assertThat(error.get("code").asText()).as(a.body()).isEqualTo(code);
        assertThat(error.get("message").asText()).as(a.body()).containsIgnoringCase(mentions);
    }

    @Test
    void oversizedInputsAreRefusedNotProcessed() throws Exception {
        String huge = "f1" + "a".repeat(5000);
        assertThat(server.get("/api/v1/contracts/" + huge).status()).isEqualTo(400);
        assertThat(server.get("/api/v1/search?q=" + "9".repeat(300)).status()).isEqualTo(400);
        assertThat(server.get("/api/v1/tipsets?cursor=" + "A".repeat(4000)).status()).isEqualTo(400);
        assertThat(server.get("/api/v1/blocks/b" + "a".repeat(3000)).status()).isEqualTo(400);
    }

    @Test
    void anInvalidAddressIsExplainedNotRefused() throws Exception {
        ApiServer.Answer a = server.get("/api/v1/addresses/%27%3B%20DROP%20TABLE%20actors%3B%20--");
        assertThat(a.status()).isEqualTo(200);
        JsonNode r = ApiJson.MAPPER.readTree(a.body());
        assertThat(r.get("valid").asBoolean()).isFalse();
        assertThat(r.get("error").asText()).isNotBlank();
    }
}
