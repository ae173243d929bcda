package storage.rows;

public record BlockMessageRow(long height, String tipsetKey, String blockCid, String messageCid, int position,
        String indexedAt) implements Row {
    @Override
    public String table() {
        return "block_messages";
    }
}
