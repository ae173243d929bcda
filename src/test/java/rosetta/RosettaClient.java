package rosetta;

import api.ApiJson;
import api.ApiServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls the Rosetta endpoints of a test server the way a Rosetta client does, and checks every
 * answer against the specification as it arrives: a 200 must validate as the endpoint's response,
 * anything else must be HTTP 500 with an Error object that {@code /network/options} lists with the
 * same message and retriable flag.
 */
final class RosettaClient {
    private final ApiServer server;
    private final String network;
    private final List<String> problems = new ArrayList<>();
    private JsonNode listedErrors;

    RosettaClient(ApiServer server, String network) {
        this.server = server;
        this.network = network;
    }

    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status == 200;
        }

        int errorCode() {
            return body.path("code").asInt(-1);
        }
    }

    ObjectNode networkIdentifier() {
        ObjectNode id = ApiJson.object();
        id.put("blockchain", "Filecoin");
        id.put("network", network);
        return id;
    }

    /** A request object with this server's network_identifier. */
    ObjectNode request() {
        ObjectNode r = ApiJson.object();
        r.set("network_identifier", networkIdentifier());
        return r;
    }

    /** POSTs a JSON request; the answer is checked against the specification. */
    Answer post(String path, JsonNode request) throws Exception {
        return postRaw(path, request.toString());
    }

    Answer postRaw(String path, String body) throws Exception {
        ApiServer.Answer a = server.post("/rosetta" + path, body, null);
        JsonNode json;
        try {
            json = ApiJson.MAPPER.readTree(a.body());
        } catch (Exception e) {
            problems.add(path + " answered " + a.status() + " without JSON: " + abbreviate(a.body()));
            return new Answer(a.status(), ApiJson.object());
        }
        check(path, a.status(), json, body);
        return new Answer(a.status(), json);
    }

    /** A 200 answer's body; anything else fails the test with the answer. */
    JsonNode ok(String path, JsonNode request) throws Exception {
        Answer a = post(path, request);
        if (!a.ok()) {
            throw new AssertionError(path + " " + request + " answered " + a.status() + " " + a.body());
        }
        return a.body();
    }

    /** Problems seen so far: answers that are not the specification's shapes. */
    List<String> problems() {
        return problems;
    }

    void check(String path, int status, JsonNode json, String request) throws Exception {
        String where = path + " " + abbreviate(request);
        if (status == 200) {
            RosettaSpec.problems(path, 200, json).forEach(p -> problems.add(where + ": " + p));
            return;
        }
        if (status != 500) {
            problems.add(where + ": status " + status + " (Rosetta answers errors with 500): " + abbreviate(json.toString()));
            return;
        }
        RosettaSpec.problemsAs("Error", json).forEach(p -> problems.add(where + ": Error " + p));
        JsonNode listed = listed(json.path("code").asInt(-1));
        if (listed == null) {
            problems.add(where + ": error code " + json.path("code") + " is not listed in /network/options");
        } else if (!listed.path("message").equals(json.path("message")) || !listed.path("retriable").equals(json.path("retriable"))) {
            problems.add(where + ": error " + json + " differs from the listed " + listed);
        }
        if (json.path("code").asInt() == 13) {
            problems.add(where + ": an internal error (a bug): " + json);
        }
    }

    private JsonNode listed(int code) throws Exception {
        if (listedErrors == null) {
            ApiServer.Answer a = server.post("/rosetta/network/options", ApiJson.MAPPER.writeValueAsString(request()), null);
            listedErrors = ApiJson.MAPPER.readTree(a.body()).path("allow").path("errors");
        }
        for (JsonNode e : listedErrors) {
            if (e.path("code").asInt() == code) {
                return e;
            }
        }
        return null;
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 160 ? s : s.substring(0, 150) + "…(" + s.length() + " chars)";
    }
}
