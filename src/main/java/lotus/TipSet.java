package lotus;

import codec.cid.Cid;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** A tipset as Lotus returns it; each block carries its CID from {@code Cids}. */
public record TipSet(List<Cid> cids, List<BlockHeader> blocks, long height) {

    public TipSet {
        cids = List.copyOf(cids);
        blocks = List.copyOf(blocks);
    }

    @JsonCreator
    static TipSet fromJson(@JsonProperty("Cids") List<Cid> cids,
                           @JsonProperty("Blocks") List<BlockHeader> blocks,
                           @JsonProperty("Height") long height) {
        if (cids == null || blocks == null || cids.size() != blocks.size()) {
            throw new IllegalArgumentException("tipset at " + height + " needs as many Cids as Blocks");
        }
        List<BlockHeader> named = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            named.add(blocks.get(i).withCid(cids.get(i)));
        }
        return new TipSet(cids, named, height);
    }

    public TipSetKey key() {
        return new TipSetKey(cids);
    }

    /** The key of the parent tipset (all blocks of a tipset share their parents). */
    public TipSetKey parentKey() {
        return blocks.isEmpty() ? TipSetKey.EMPTY : blocks.get(0).parentKey();
    }

    /** The minimum block timestamp, in Unix seconds: Lotus's tipset time. */
    public long timestamp() {
        return blocks.stream().mapToLong(BlockHeader::timestamp).min().orElse(0);
    }
}
