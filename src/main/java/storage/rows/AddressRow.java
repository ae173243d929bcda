package storage.rows;

public record AddressRow(String address, long actorId, String kind, String indexedAt) implements Row {
    @Override
    public String table() {
        return "address_index";
    }
}
