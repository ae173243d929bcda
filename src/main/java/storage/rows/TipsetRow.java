package storage.rows;

import java.math.BigInteger;
import java.util.List;

/**
 * The canonical tipset of a height; written last, it is the height's commit marker.
 * {@code unattributed}: net attoFIL moved to parties without an ID, which have no balance rows.
 */
public record TipsetRow(long height, String tipsetKey, List<String> cids, int nullRound, String parentKey,
        long timestamp, BigInteger parentBaseFee, int blockCount, int messageCount, int implicitCount,
        int subcallCount, int failedCount, int eventCount, int creationCount, String mode, BigInteger unattributed,
        String indexedAt)
        implements Row {
    public static final String TABLE = "tipsets";

    @Override
    public String table() {
        return TABLE;
    }
}
