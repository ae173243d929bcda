package contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import testsupport.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The recorded fixture files, read as they are (fixtures/lotus). */
final class RawFixtures {
    static final Path LOTUS = Fixtures.LOTUS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawFixtures() {
    }

    static JsonNode creations() throws IOException {
        return JSON.readTree(LOTUS.resolve("creations.json").toFile()).path("creations");
    }

    /** The StateCompute trace entry ({@code Msg}, {@code ExecutionTrace}, …) of one message. */
    static JsonNode trace(String network, long height, String messageCid) throws IOException {
        for (JsonNode t : gz(network, "traces_" + height).path("Trace")) {
            if (t.path("MsgCid").path("/").asText().equals(messageCid)) {
                return t;
            }
        }
        throw new AssertionError(messageCid + " not in traces_" + height);
    }

    static JsonNode tipset(String network, long height) throws IOException {
        return gz(network, "tipset_" + height);
    }

    /**
     * The new_contract value the pipeline publishes for a creation that is the message itself
     * (README, "new_contract (Kafka)"), built from the raw trace and tipset files.
     */
    static String topLevelPayload(String network, long height, String messageCid, String actor, String method)
            throws IOException {
        JsonNode t = trace(network, height, messageCid);
        JsonNode call = t.path("ExecutionTrace");
        JsonNode ts = tipset(network, height);
        ObjectNode p = JSON.createObjectNode();
        p.put("network", network).put("height", height);
        ts.path("Cids").forEach(c -> p.withArray("tipsetKey").add(c.path("/").asText()));
        p.put("timestamp", ts.path("Blocks").path(0).path("Timestamp").asLong())
                .put("messageCid", messageCid)
                .put("topLevelFrom", t.path("Msg").path("From").asText())
                .put("topLevelTo", t.path("Msg").path("To").asText())
                .put("depth", 0).put("callPath", "").put("actor", actor).put("method", method)
                .put("methodNumber", call.path("Msg").path("Method").asLong())
                .put("from", call.path("Msg").path("From").asText())
                .put("to", call.path("Msg").path("To").asText())
                .put("value", call.path("Msg").path("Value").asText())
                .put("params", call.path("Msg").path("Params").asText())
                .put("return", call.path("MsgRct").path("Return").asText())
                .put("exitCode", call.path("MsgRct").path("ExitCode").asLong());
        return JSON.writeValueAsString(p);
    }

    private static JsonNode gz(String network, String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(LOTUS.resolve(network).resolve(name + ".json.gz")))) {
            return JSON.readTree(in);
        }
    }
}
