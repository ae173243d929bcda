package storage.rows;

import java.math.BigInteger;

/** An actor's state read from the node before the tipset at {@code height} ran (table {@code balance_snapshots}). */
public record BalanceSnapshotRow(long actorId, long height, String tipsetKey, BigInteger balance, long nonce,
        String indexedAt) implements Row {
    public static final String TABLE = "balance_snapshots";

    @Override
    public String table() {
        return TABLE;
    }
}
