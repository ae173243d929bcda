package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testsupport.FilflowInstance;
import testsupport.SharedEngines;

/**
 * The hostile-input battery: the whole application on recorded data, every operation its own
 * OpenAPI document lists (so an endpoint added anywhere is covered without touching this test),
 * each parameter in turn replaced by hostile values, forged cursors made from real ones, over-long
 * URLs and broken bodies. No answer may be a 5xx other than 503, and every error answer carries
 * API.md's body {@code {"error": {"code", "message"}}}; under {@code /rosetta} every error is the
 * Rosetta specification's: HTTP 500 with a listed Error object.
 */
class HostileInputTest {
    private static final List<Long> HEIGHTS = List.of(3140097L, 3573064L);
    private static final List<String> HOSTILE = List.of(
            "-1", "0", "abc", "1.5", "1e9", "99999999999999999999999999", "18446744073709551616",
            "-9223372036854775808", "' OR '1'='1", "'; DROP TABLE tipsets; --", "\u0000", "%00", "\uD83D\uDE00\u200B",
            "..%2F..%2Fetc%2Fpasswd", "{}", "[]", "null", "true", "f1" + "a".repeat(300),
            "0x" + "z".repeat(64), "0x" + "f".repeat(40), "f410f" + "a".repeat(39), "t01", "f099999999999999999999",
            "bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is", " ", "\t\n");
    /** Keys a forged cursor carries in place of the real ones. */
    private static final List<String> FORGED_KEYS = List.of("-1", "99999999999999999999", "18446744073709551615",
            "18446744073709551616", "-9223372036854775808", "", "abc", "1e5", "x".repeat(400), "' OR 1=1 --");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static FilflowInstance app;
    /** Valid values by parameter name, taken from what the API itself answers. */
    private static final Map<String, String> VALID = new LinkedHashMap<>();
    private static final List<String> failures = new ArrayList<>();
    private static int requests;

    @BeforeAll
    static void start() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String database = "hostile_" + id;
        IndexedFixtures.index("mainnet", HEIGHTS, database);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("clickhouse.database", database);
        settings.put("admin.token", "token-" + id);
        settings.put("filflow.heights.topic", "hostile-heights-" + id);
        settings.put("filflow.heights.group", "hostile-indexer-" + id);
        settings.put("filflow.jobs.follow.enabled", "false");
        settings.put("filflow.jobs.gaps.enabled", "false");
        settings.put("filflow.pipeline.new-contract.topic", "hostile-new-contract-" + id);
        settings.put("filflow.contracts.group", "hostile-contracts-" + id);
        app = FilflowInstance.start(SharedEngines.newTempDir(), settings);
        learnValidValues();
    }

    @BeforeEach
    void clearFailures() {
        failures.clear();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** Heights, CIDs and addresses that exist, read through the API so the battery needs no hand list. */
    private static void learnValidValues() throws Exception {
        long height = HEIGHTS.get(1);
        JsonNode tipset = json(send("GET", "/api/v1/tipsets/" + height, null, null));
        JsonNode message = json(send("GET", "/api/v1/messages?height=" + height + "&limit=1", null, null)).path("items").path(0);
        String address = message.path("from").path("id").asText("f01");
        String[] names = {"height", "from", "to", "q", "sample"};
        for (String n : names) {
            VALID.put(n, Long.toString(height));
        }
        VALID.put("to", Long.toString(height + 1));
        VALID.put("cid", message.path("cid").asText());
        VALID.put("block", tipset.path("cids").path(0).asText());
        for (String n : List.of("address", "owner", "actor", "account")) {
            VALID.put(n, address);
        }
        VALID.put("method", "0");
        VALID.put("limit", "2");
        VALID.put("implicit", "true");
        VALID.put("includeSubcalls", "false");
    }

    @Test
    void everyDocumentedOperationSurvivesHostileInput() throws Exception {
        JsonNode doc = json(send("GET", "/api/v1/openapi.json", null, null));
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                operations++;
                attack(method, path.getKey(), parameters(path.getValue(), op.getValue()));
            }
        }
        assertThat(operations).as("operations in the OpenAPI document").isGreaterThanOrEqualTo(15);
        System.out.printf("hostile battery: %d operations, %d requests, %d failures%n", operations, requests, failures.size());
        assertThat(failures).as("answers >= 500 or without the JSON error body").isEmpty();
    }

    @Test
    void unknownPathsAndMethodsAnswerTheJsonErrorBody() throws Exception {
        check("GET", "/api/v1/no-such-thing", null, null);
        check("GET", "/api/v1/tipsets/1/" + "x".repeat(50), null, null);
        check("DELETE", "/api/v1/status", null, null);
        check("PUT", "/api/v1/tipsets/1", "{}", null);
        check("POST", "/rosetta/no-such-endpoint", "{}", null);
        check("GET", "/rosetta/block", null, null);
        check("POST", "/rosetta/block", "{\"x\":\"" + "y".repeat(400_000) + "\"}", null);
        HttpResponse<String> unknown = send("POST", "/rosetta/no-such-endpoint", "{}", null);
        assertThat(json(unknown, 500).path("code").asInt()).isEqualTo(rosetta.RosettaError.NOT_FOUND.code());
        assertThat(failures).isEmpty();
    }

    @Test
    void overLongUrlsAndBodiesAnswerTheJsonErrorBody() throws Exception {
        for (int length : List.of(5_000, 20_000, 70_000)) {
            check("GET", "/api/v1/addresses/f1" + "a".repeat(length), null, null);
            check("GET", "/api/v1/search?q=" + "9".repeat(length), null, null);
        }
        HttpResponse<String> tooLong = send("GET", "/api/v1/addresses/f1" + "a".repeat(5_000), null, null);
        assertThat(tooLong.statusCode()).isEqualTo(414);
        assertThat(json(tooLong, 414).path("error").path("code").asText()).isEqualTo("URI_TOO_LONG");
        // a body over http.max-body-bytes is refused as it arrives, with the same body
        HttpResponse<String> tooLarge = send("POST", "/api/v1/admin/index", "[" + "1,".repeat(200_000) + "1]", "Bearer x");
        assertThat(json(tooLarge, 413).path("error").path("code").asText()).isEqualTo("BODY_TOO_LARGE");
        assertThat(failures).isEmpty();
    }

    record Param(String name, boolean inPath, boolean required) {
    }

    private static List<Param> parameters(JsonNode pathItem, JsonNode op) {
        List<Param> out = new ArrayList<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : list) {
                out.add(new Param(p.path("name").asText(), "path".equals(p.path("in").asText()),
                        p.path("required").asBoolean(false)));
            }
        }
        return out;
    }

    private static void attack(String method, String template, List<Param> params) throws Exception {
        List<String> bodies = bodies(method);
        String body = bodies.isEmpty() ? null : bodies.get(0);
        // each parameter in turn hostile, the others valid
        for (Param target : params) {
            for (String hostile : HOSTILE) {
                check(method, url(template, params, target.name(), hostile), body, null);
            }
            check(method, url(template, params, target.name(), "x".repeat(5_000)), body, null);
        }
        // a query parameter given twice, an unknown one, and one without a value
        String valid = url(template, params, null, null);
        check(method, valid + sep(valid) + "limit=1&limit=2", body, null);
        check(method, valid + sep(valid) + "zzz=%27%22%3C", body, null);
        check(method, valid + sep(valid) + "limit", body, null);
        // forged cursors, made from a real one of this list when it has any
        if (params.stream().anyMatch(p -> p.name().equals("cursor"))) {
            for (String forged : forgedCursors(method, template, params, body)) {
                check(method, valid + sep(valid) + "cursor=" + forged, body, null);
            }
        }
        // bodies: broken, huge, deeply nested, wrong types; with no, a bad and the admin token
        for (String b : bodies) {
            for (String auth : new String[] {null, "Bearer forged", "Basic Zm9vOmJhcg==", "Bearer " + "t".repeat(5000)}) {
                check(method, valid, b, auth);
            }
        }
    }

    private static List<String> bodies(String method) {
        if (method.equals("GET") || method.equals("DELETE")) {
            return List.of();
        }
        List<String> out = new ArrayList<>(List.of("{}", "", "null", "[]", "{", "\"x\"", "12",
                "{\"heights\":\"x\"}", "{\"heights\":[-1]}", "{\"heights\":[1e400]}", "{\"from\":5,\"to\":1}",
                "{\"from\":0,\"to\":99999999999999}", "{\"email\":\"" + "a".repeat(10_000) + "@x\"}",
                "{\"method\":{},\"args\":[[[]]]}", "{\"a\":\"\\ud800\"}"));
        out.add("[".repeat(100_000) + "]".repeat(100_000));
        out.add("{\"x\":\"" + "y".repeat(2_000_000) + "\"}");
        return out;
    }

    /** A real cursor of the list, decoded, with each key replaced by out-of-range values; and garbage. */
    private static List<String> forgedCursors(String method, String template, List<Param> params, String body)
            throws Exception {
        List<String> out = new ArrayList<>(List.of("garbage", "W10", "AAAA", "x".repeat(600),
                encode(ApiJson.MAPPER.createArrayNode().add("tipsets").add("1").add("2").add("3"))));
        String first = url(template, params, "limit", "1");
        HttpResponse<String> page = send(method, first, body, null);
        JsonNode next = page.statusCode() == 200 ? json(page).path("nextCursor") : null;
        if (next == null || !next.isTextual()) {
            return out;
        }
        JsonNode real = ApiJson.MAPPER.readTree(Base64.getUrlDecoder().decode(next.asText()));
        for (int i = 1; i < real.size(); i++) {
            for (String key : FORGED_KEYS) {
                ArrayNode forged = real.deepCopy();
                forged.set(i, key);
                out.add(encode(forged));
            }
            ArrayNode number = real.deepCopy();
            number.set(i, ApiJson.MAPPER.getNodeFactory().numberNode(5));
            out.add(encode(number));
        }
        ArrayNode shorter = real.deepCopy();
        shorter.remove(shorter.size() - 1);
        out.add(encode(shorter));
        return out;
    }

    private static String encode(JsonNode array) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ApiJson.write(array));
    }

    /** The template with every parameter valid, except {@code target} set to {@code value}. */
    private static String url(String template, List<Param> params, String target, String value) {
        String path = template;
        StringBuilder query = new StringBuilder();
        for (Param p : params) {
            String v = p.name().equals(target) ? value : VALID.get(p.name());
            if (p.inPath()) {
                path = path.replace("{" + p.name() + "}", ApiServer.pathSegment(v == null ? "1" : v));
            } else if (v != null && (p.required() || p.name().equals(target))) {
                query.append(query.length() == 0 ? "?" : "&").append(p.name()).append('=').append(ApiServer.pathSegment(v));
            }
        }
        return path + query;
    }

    private static String sep(String url) {
        return url.contains("?") ? "&" : "?";
    }

    private static void check(String method, String pathAndQuery, String body, String authorization) throws Exception {
        HttpResponse<String> r;
        try {
            r = send(method, pathAndQuery, body, authorization);
        } catch (java.io.IOException e) {
            failures.add(method + " " + abbreviate(pathAndQuery) + " -> no answer: " + e);
            return;
        }
        int status = r.statusCode();
        String problem = null;
        if (pathAndQuery.startsWith("/rosetta")) {
            problem = rosettaProblem(status, r.body());
        } else if (status >= 500 && status != 503) {
            problem = "status " + status;
        } else if (status >= 400) {
            try {
                JsonNode error = ApiJson.MAPPER.readTree(r.body()).path("error");
                if (!error.path("code").isTextual() || error.path("message").asText("").isBlank()) {
                    problem = "no JSON error body";
                }
            } catch (Exception e) {
                problem = "no JSON error body";
            }
        }
        if (problem != null) {
            failures.add(method + " " + abbreviate(pathAndQuery) + (body == null ? "" : " body " + abbreviate(body))
                    + " -> " + status + " (" + problem + "): " + abbreviate(r.body()));
        }
    }

    /**
     * The Rosetta API answers errors as its specification says: HTTP 500 with an Error object whose
     * code is one it lists, never the internal error (rosetta.RosettaHostileInputTest attacks its fields).
     */
    private static String rosettaProblem(int status, String body) {
        JsonNode json;
        try {
            json = ApiJson.MAPPER.readTree(body);
        } catch (Exception e) {
            return "no JSON body";
        }
        if (status == 200) {
            return null;
        }
        if (status != 500) {
            return "status " + status + " (Rosetta errors are 500)";
        }
        boolean listed = java.util.Arrays.stream(rosetta.RosettaError.values()).anyMatch(e -> e.code() == json.path("code").asInt(-1)
                && e.message().equals(json.path("message").asText()) && json.path("retriable").isBoolean());
        if (!listed) {
            return "not a listed Rosetta Error";
        }
        return json.path("code").asInt() == rosetta.RosettaError.INTERNAL.code() ? "an internal error (a bug)" : null;
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String body, String authorization)
            throws Exception {
        requests++;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.apiUrl("") + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return json(r, 200);
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return ApiJson.MAPPER.readTree(r.body());
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 150) + "…(" + s.length() + " chars)";
    }
}
