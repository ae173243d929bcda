package storage.rows;

public record CidLookupRow(String key, String kind, long height, String tipsetKey, String messageCid,
        String indexedAt) implements Row {
    @Override
    public String table() {
        return "cid_lookup";
    }
}
