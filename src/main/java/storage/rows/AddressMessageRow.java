package storage.rows;

public record AddressMessageRow(long actorId, long height, String tipsetKey, String messageCid, String role,
        int viaSubcall, int implicit, long method, String indexedAt) implements Row {
    @Override
    public String table() {
        return "address_messages";
    }
}
