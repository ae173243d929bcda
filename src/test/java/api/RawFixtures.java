package api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import testsupport.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The recorded chain data of one height, read straight from fixtures/ with Jackson:
 * the independent source of every value the API tests expect.
 */
public final class RawFixtures {
    public static final Path LOTUS = Fixtures.LOTUS;

    final String network;
    final long height;
    public final JsonNode tipset;
    public final List<JsonNode> traces = new ArrayList<>();
    final JsonNode ethLogs;

    public RawFixtures(String network, long height) {
        this.network = network;
        this.height = height;
        this.tipset = read("tipset");
        read("traces").path("Trace").forEach(traces::add);
        this.ethLogs = read("ethlog");
    }

    private JsonNode read(String kind) {
        Path file = LOTUS.resolve(network).resolve(kind + "_" + height + ".json.gz");
        if (!Files.exists(file)) {
            return MissingNode.getInstance();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return ApiJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cid(JsonNode link) {
        return link.path("/").asText();
    }

    List<String> tipsetCids() {
        List<String> out = new ArrayList<>();
        tipset.path("Cids").forEach(c -> out.add(cid(c)));
        return out;
    }

    public static boolean isImplicit(JsonNode trace) {
        String from = trace.path("Msg").path("From").asText();
        return from.equals("f00") || from.equals("t00");
    }

    public static String msgCid(JsonNode trace) {
        return cid(trace.path("MsgCid"));
    }

    /** Messages of a block, from the tipset's BlockMessages (message CID → including blocks). */
    Set<String> blockMessages(String blockCid) {
        Set<String> out = new LinkedHashSet<>();
        tipset.path("BlockMessages").fields().forEachRemaining(e -> e.getValue().forEach(b -> {
            if (b.path("Cid").asText().equals(blockCid)) {
                out.add(e.getKey());
            }
        }));
        return out;
    }

    Set<String> blocksIncluding(String msgCid) {
        Set<String> out = new LinkedHashSet<>();
        tipset.path("BlockMessages").path(msgCid).forEach(b -> out.add(b.path("Cid").asText()));
        return out;
    }

    public static int descendants(JsonNode call) {
        int n = 0;
        for (JsonNode sub : call.path("Subcalls")) {
            n += 1 + descendants(sub);
        }
        return n;
    }

    /** Whether actor {@code id} (ID form) sends or receives the top-level call, or any call when {@code deep}. */
    static boolean involves(JsonNode call, String id, boolean deep) {
        JsonNode msg = call.path("Msg");
        if (msg.path("From").asText().equals(id) || msg.path("To").asText().equals(id)) {
            return true;
        }
        if (deep) {
            for (JsonNode sub : call.path("Subcalls")) {
                if (involves(sub, id, true)) {
                    return true;
                }
            }
        }
        return false;
    }

    List<JsonNode> ethLogsOf(String msgCid) {
        List<JsonNode> out = new ArrayList<>();
        ethLogs.forEach(l -> {
            if (l.path("transactionCid").asText().equals(msgCid)) {
                out.add(l);
            }
        });
        return out;
    }
}
