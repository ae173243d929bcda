package storage.rows;

import java.math.BigInteger;
import java.util.List;

/** What executing one tipset did to one actor's balance (table {@code balance_changes}). */
public record BalanceChangeRow(long actorId, long height, String tipsetKey, BigInteger delta, Long nonce,
        List<String> messageCids, int complete, String indexedAt) implements Row {
    public static final String TABLE = "balance_changes";

    @Override
    public String table() {
        return TABLE;
    }
}
