package pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pipeline.rows.MessageRow;
import pipeline.rows.RowJson;
import pipeline.rows.SubcallRow;

/**
 * The archive files of one height: {@code <height>/<block_cid>/<message_cid>/data.json} (message,
 * receipt, gas outputs, decoded params/return) and {@code …/sub_calls/<message_cid>.json} (the
 * sub-call tree), under every block that included the message; implicit messages under
 * {@code implicit}.
 */
final class ArchiveLayout {
    static final String IMPLICIT_FOLDER = "implicit";
    private static final ObjectMapper JSON = RowJson.mapper();

    private final long height;
    private final boolean enabled;
    final List<ArchiveFile> files = new ArrayList<>();

    ArchiveLayout(long height, boolean enabled) {
        this.height = height;
        this.enabled = enabled;
    }

    static String dataPath(long height, String folder, String messageCid) {
        return height + "/" + folder + "/" + messageCid + "/data.json";
    }

    static String subcallsPath(long height, String folder, String messageCid) {
        return height + "/" + folder + "/" + messageCid + "/sub_calls/" + messageCid + ".json";
    }

    void message(MessageRow row, List<SubcallRow> subs) {
        if (!enabled) {
            return;
        }
        try {
            byte[] data = JSON.writeValueAsBytes(withDecoded(JSON.valueToTree(row)));
            byte[] tree = JSON.writeValueAsBytes(tree(row, subs));
            List<String> folders = row.implicit() == 1 || row.blockCids().isEmpty()
                    ? List.of(IMPLICIT_FOLDER) : row.blockCids();
            for (String folder : folders) {
                files.add(new ArchiveFile(dataPath(height, folder, row.cid()), data));
                files.add(new ArchiveFile(subcallsPath(height, folder, row.cid()), tree));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode tree(MessageRow row, List<SubcallRow> subs) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("message_cid", row.cid());
        root.put("subcalls_available", row.subcallsAvailable() == 1);
        Map<Integer, ArrayNode> children = new HashMap<>();
        children.put(0, root.putArray("subcalls"));
        for (SubcallRow s : subs) {
            ObjectNode node = withDecoded(JSON.valueToTree(s));
            for (String dropped : List.of("height", "tipset_key", "message_cid", "indexed_at")) {
                node.remove(dropped);
            }
            children.get(s.parentIdx()).add(node);
            children.put(s.idx(), node.putArray("subcalls"));
        }
        return root;
    }

    /** Decoded params/return embedded as JSON rather than as JSON text. */
    private static ObjectNode withDecoded(ObjectNode node) throws JsonProcessingException {
        for (String field : List.of("params_json", "return_json")) {
            JsonNode text = node.get(field);
            if (text != null && text.isTextual() && !text.asText().isEmpty()) {
                node.set(field, JSON.readTree(text.asText()));
            }
        }
        return node;
    }
}
