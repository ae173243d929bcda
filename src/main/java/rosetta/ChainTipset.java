package rosetta;

import codec.cid.TipSetKeyCid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One indexed height as Rosetta sees it: a tipset (a block) or a null round (an omitted block).
 *
 * @param key       block CIDs joined by ',' ('' for a null round)
 * @param parentKey the key of the tipset below (for a null round: of the tipset below it)
 */
public record ChainTipset(long height, String key, List<String> cids, boolean nullRound, long timestampSeconds, String parentKey) {
    static final String COLUMNS = "height, tipset_key, cids, null_round, toUnixTimestamp(timestamp) AS ts, parent_key";

    static ChainTipset of(JsonNode row) {
        List<String> cids = new ArrayList<>();
        row.path("cids").forEach(c -> cids.add(c.asText()));
        return new ChainTipset(row.path("height").asLong(), row.path("tipset_key").asText(""), List.copyOf(cids),
                row.path("null_round").asInt() != 0, row.path("ts").asLong(), row.path("parent_key").asText(""));
    }

    String hash() {
        return TipSetKeyCid.of(cids);
    }

    ObjectNode identifier() {
        return identifier(height, hash());
    }

    static ObjectNode identifier(long index, String hash) {
        ObjectNode id = JsonNodeFactory.instance.objectNode();
        id.put("index", index);
        id.put("hash", hash);
        return id;
    }
}
