package replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded tipset: the Lotus {@code {Cids, Blocks, Height}} answer, its blocks by CID, and the
 * recording's extra {@code BlockMessages} key (message CID to the blocks that included it).
 */
final class RecordedTipSet {
    private final long height;
    private final ObjectNode json;
    private final byte[] bytes;
    private final List<String> cids;
    private final Map<String, ObjectNode> blocks;
    private final Map<String, List<String>> blocksOfMessage;

    RecordedTipSet(byte[] recorded, ObjectMapper mapper) {
        try {
            ObjectNode root = (ObjectNode) mapper.readTree(recorded);
            JsonNode included = root.remove("BlockMessages");
            this.json = root;
            this.height = root.path("Height").asLong();
            this.cids = new ArrayList<>();
            this.blocks = new LinkedHashMap<>();
            JsonNode blockList = root.path("Blocks");
            int i = 0;
            for (JsonNode c : root.path("Cids")) {
                String cid = c.path("/").asText();
                cids.add(cid);
                blocks.put(cid, (ObjectNode) blockList.get(i++));
            }
            this.blocksOfMessage = new LinkedHashMap<>();
            if (included != null) {
                included.fields().forEachRemaining(e -> {
                    List<String> in = new ArrayList<>();
                    e.getValue().forEach(b -> in.add(b.path("Cid").asText()));
                    blocksOfMessage.put(e.getKey(), in);
                });
            }
            this.bytes = mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException("malformed tipset recording", e);
        }
    }

    long height() {
        return height;
    }

    /** The tipset as Lotus prints it (without the recording's extra key). */
    ObjectNode json() {
        return json;
    }

    byte[] bytes() {
        return bytes;
    }

    List<String> cids() {
        return Collections.unmodifiableList(cids);
    }

    Map<String, ObjectNode> blocks() {
        return Collections.unmodifiableMap(blocks);
    }

    /** Parents of the tipset: the Parents of its first block. */
    List<String> parents() {
        List<String> out = new ArrayList<>();
        blocks.values().iterator().next().path("Parents").forEach(c -> out.add(c.path("/").asText()));
        return out;
    }

    /** Message CID to the CIDs of the blocks that included it, in recording order. */
    Map<String, List<String>> blocksOfMessage() {
        return Collections.unmodifiableMap(blocksOfMessage);
    }
}
