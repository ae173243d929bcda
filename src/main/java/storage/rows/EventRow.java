package storage.rows;

import java.util.List;

public record EventRow(long height, String tipsetKey, String messageCid, int idx, String emitter, Long emitterId,
        String kind, String entries, int reverted, String ethAddress, List<String> topics, String data,
        Integer logIndex, String ethTxHash, String indexedAt) implements Row {
    @Override
    public String table() {
        return "events";
    }
}
