package pipeline;

import java.util.List;
import java.util.Map;
import lotus.TipSetKey;

/**
 * Facts of the tipset being indexed that every row needs.
 *
 * @param tipsetKey the key as stored: block CIDs joined by ','
 * @param inclusions message CID → the blocks (CIDs, tipset order) that included it
 * @param baseFee the base fee the tipset's messages pay (its blocks' ParentBaseFee)
 */
record HeightContext(long height, TipSetKey key, String tipsetKey, List<String> cids, long timestamp,
        String indexedAt, String network, Map<String, List<String>> inclusions, java.math.BigInteger baseFee) {

    List<String> blocksOf(String messageCid) {
        return inclusions.getOrDefault(messageCid, List.of());
    }
}
