package storage.rows;

import java.math.BigInteger;
import java.util.List;

public record BlockRow(long height, String tipsetKey, String cid, String miner, List<String> parents,
        BigInteger parentWeight, String parentStateRoot, String parentMessageReceipts, String messagesRoot,
        long timestamp, long winCount, BigInteger parentBaseFee, int messageCount, List<String> messageCids,
        String indexedAt) implements Row {
    @Override
    public String table() {
        return "blocks";
    }
}
