package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verifier/converter answers without the index when it is unreachable: conversion is pure. */
class AddressEndpointTest {
    /** iso-filecoin accepts this ID, go-address refuses IDs above 2^63-1; the codec follows go-address. */
    private static final String ABOVE_MAX_INT64 = "f018446744073709551615";

    private static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(Map.of(), Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void convertsAnIdAddressToItsEthereumForm() throws Exception {
        JsonNode r = json(server.get("/api/v1/addresses/f01234"));
        assertThat(r.get("valid").asBoolean()).isTrue();
        assertThat(r.get("id").asText()).isEqualTo("f01234");
        assertThat(r.get("eth").asText()).isEqualTo("0xff000000000000000000000000000000000004d2");
        assertThat(r.get("protocolName").asText()).isEqualTo("id");
    }

    @Test
    void convertsAnEthereumAddressToF410AndKeepsTheTestnetPrefix() throws Exception {
        JsonNode r = json(server.get("/api/v1/addresses/0x" + "0f".repeat(20)));
        assertThat(r.get("delegated").asText()).startsWith("f410f");
        JsonNode t = json(server.get("/api/v1/addresses/t" + r.get("delegated").asText().substring(1)));
        assertThat(t.get("network").asText()).isEqualTo("testnet");
        assertThat(t.get("eth").asText()).isEqualTo("0x" + "0f".repeat(20));
    }

    @Test
    void explainsABadChecksumWithA200() throws Exception {
        String good = AddressVectors.all().stream()
                .filter(v -> v.valid() && v.string().startsWith("f1")).findFirst().orElseThrow().string();
        char c = good.charAt(5);
        String bad = good.substring(0, 5) + (c == 'a' ? 'b' : 'a') + good.substring(6);
        ApiServer.Answer a = server.get("/api/v1/addresses/" + bad);
        assertThat(a.status()).isEqualTo(200);
        JsonNode r = json(a);
        assertThat(r.get("valid").asBoolean()).isFalse();
        assertThat(r.get("errorKind").asText()).isEqualTo("INVALID_CHECKSUM");
        assertThat(r.get("error").asText()).contains("checksum");
    }

    @Test
    void agreesWithEveryRecordedAddressVector() throws Exception {
        var soft = new org.assertj.core.api.SoftAssertions();
        for (AddressVectors.Vector v : AddressVectors.all()) {
            ApiServer.Answer a = server.get("/api/v1/addresses/" + ApiServer.pathSegment(v.string()));
            if (v.string().equals(ABOVE_MAX_INT64)) {
                continue;
            }
            if (a.status() == 400 && !v.valid()) {
                continue; // the HTTP layer already refused it (e.g. a string that is no URL path)
            }
            JsonNode r = json(a);
            soft.assertThat(r.get("valid").asBoolean()).as(v.string() + " " + v.source()).isEqualTo(v.valid());
            if (v.valid() && v.eth() != null) {
                soft.assertThat(r.path("eth").asText()).as(v.string()).isEqualToIgnoringCase(v.eth());
            }
            if (!v.valid()) {
                soft.assertThat(r.path("error").asText()).as(v.string()).isNotBlank();
            }
        }
        soft.assertAll();
    }

    @Test
    void theAdminApiIsDisabledWithoutAToken() throws Exception {
        ApiServer.Answer a = server.post("/api/v1/admin/index", "{\"heights\":[1]}", "Bearer anything");
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.body()).contains("ADMIN_DISABLED");
    }

    private static JsonNode json(ApiServer.Answer a) throws Exception {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return ApiJson.MAPPER.readTree(a.body());
    }
}
