package rosetta;

import static org.assertj.core.api.Assertions.assertThat;

import api.ApiJson;
import api.ApiServer;
import api.IndexedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Rosetta hostile-input battery: for every endpoint a valid request, then every field of it in
 * turn removed or replaced by hostile values (wrong types, out-of-range numbers, injections, other
 * networks' addresses), and broken bodies. Every answer must be the specification's shape: a 200
 * that validates, or HTTP 500 with a listed Error (never the internal one). {@code api.HostileInputTest}
 * adds the router's answers (unknown paths, methods, over-large bodies) on the whole application.
 */
class RosettaHostileInputTest {
    private static final long HEIGHT = 3573064L;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<JsonNode> HOSTILE = List.of(
            F.nullNode(), F.textNode(""), F.textNode("abc"), F.textNode("-1"), F.numberNode(-1), F.numberNode(0),
            F.numberNode(1.5), F.numberNode(1e300), F.numberNode(new java.math.BigInteger("99999999999999999999999999")),
            F.numberNode(Long.MIN_VALUE), F.numberNode(Long.MAX_VALUE), F.booleanNode(true), F.objectNode(), F.arrayNode(),
            F.textNode("' OR '1'='1"), F.textNode("'; DROP TABLE tipsets; --"), F.textNode("\u0000"),
            F.textNode("\uD83D\uDE00\u200B"), F.textNode("x".repeat(5000)), F.textNode("t01"), F.textNode("f099999999999999999999"),
            F.textNode("0x" + "f".repeat(40)), F.textNode("f410f" + "a".repeat(39)), F.textNode("Filecoin"),
            F.textNode("calibrationnet"), F.textNode("bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is"));

    private static ApiServer server;
    private static RosettaClient rosetta;
    private static int requests;

    @BeforeAll
    static void indexAndServe() throws Exception {
        var clickHouse = IndexedFixtures.index("mainnet", List.of(3573062L, 3573063L, HEIGHT), "rosetta_hostile_mainnet");
        server = ApiServer.start(Map.of("clickHouse", clickHouse), Map.of());
        rosetta = new RosettaClient(server, "mainnet");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyFieldOfEveryEndpointSurvivesHostileValues() throws Exception {
        JsonNode block = rosetta.ok("/block", blockRequest()).path("block");
        String message = block.at("/transactions/0/transaction_identifier/hash").asText();
        for (Map.Entry<String, ObjectNode> e : validRequests(block, message).entrySet()) {
            ObjectNode valid = e.getValue();
            RosettaClient.Answer answer = rosetta.post(e.getKey(), valid);
            // traces before Lotus 1.26 record no actor state, so the mainnet recordings give no balance snapshot
            boolean noSnapshot = e.getKey().equals("/account/balance") && answer.errorCode() == RosettaError.ACCOUNT_NOT_FOUND.code();
            assertThat(answer.status() == 200 || noSnapshot).as("the valid request of " + e.getKey() + ": " + answer.body()).isTrue();
            for (List<String> field : fields(valid, new ArrayList<>(), new ArrayList<>())) {
                ObjectNode removed = valid.deepCopy();
                parent(removed, field).remove(field.get(field.size() - 1));
                send(e.getKey(), removed.toString());
                for (JsonNode hostile : HOSTILE) {
                    ObjectNode changed = valid.deepCopy();
                    parent(changed, field).set(field.get(field.size() - 1), hostile);
                    send(e.getKey(), changed.toString());
                }
            }
            for (String body : List.of("", "{", "null", "[]", "12", "\"x\"", "{}", "{\"network_identifier\":[]}",
                    "[".repeat(5000) + "]".repeat(5000), "{\"a\":\"\\ud800\"}", valid + valid.toString(),
                    "{\"network_identifier\":{\"blockchain\":\"Filecoin\",\"blockchain\":\"x\",\"network\":\"mainnet\"}}")) {
                send(e.getKey(), body);
            }
        }
        System.out.printf("rosetta hostile battery: %d requests, %d answers not the specification's shapes%n",
                requests, rosetta.problems().size());
        assertThat(rosetta.problems()).isEmpty();
    }

    private static void send(String path, String body) throws Exception {
        requests++;
        rosetta.postRaw(path, body);
    }

    private static Map<String, ObjectNode> validRequests(JsonNode block, String message) {
        ObjectNode transaction = rosetta.request();
        transaction.set("block_identifier", block.path("block_identifier"));
        transaction.putObject("transaction_identifier").put("hash", message);
        ObjectNode list = ApiJson.object();
        list.putObject("metadata");
        ObjectNode balance = rosetta.request();
        balance.putObject("account_identifier").put("address", "f02");
        balance.set("block_identifier", block.path("block_identifier"));
        balance.putArray("currencies").addObject().put("symbol", "FIL").put("decimals", 18);
        return Map.of("/network/list", list, "/network/status", rosetta.request(), "/network/options", rosetta.request(),
                "/block", blockRequest(), "/block/transaction", transaction,
                "/mempool", rosetta.request(), "/account/balance", balance);
    }

    private static ObjectNode blockRequest() {
        ObjectNode r = rosetta.request();
        r.putObject("block_identifier").put("index", HEIGHT);
        return r;
    }

    /** Paths of every field (objects' keys and arrays' first element) of a request. */
    private static List<List<String>> fields(JsonNode node, List<String> at, List<List<String>> out) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                List<String> path = new ArrayList<>(at);
                path.add(name);
                out.add(path);
                fields(node.get(name), path, out);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            List<String> path = new ArrayList<>(at);
            path.add("0");
            out.add(path);
            fields(node.get(0), path, out);
        }
        return out;
    }

    /** The container holding the last element of a field path, as something that can set and remove it. */
    private static Container parent(ObjectNode root, List<String> path) {
        JsonNode n = root;
        for (String p : path.subList(0, path.size() - 1)) {
            n = n.isArray() ? n.get(Integer.parseInt(p)) : n.get(p);
        }
        return new Container(n);
    }

    private record Container(JsonNode node) {
        void remove(String key) {
            if (node instanceof ArrayNode a) {
                a.remove(Integer.parseInt(key));
            } else {
                ((ObjectNode) node).remove(key);
            }
        }

        void set(String key, JsonNode value) {
            if (node instanceof ArrayNode a) {
                a.set(Integer.parseInt(key), value);
            } else {
                ((ObjectNode) node).set(key, value);
            }
        }
    }
}
