package storage.rows;

/**
 * An address form of an actor as one indexed tipset shows it (table {@code address_sightings},
 * migration 072): canonical when its {@code (height, tipset_key, indexed_at)} is, like every
 * height-scoped row.
 */
public record AddressRow(String address, long actorId, String kind, long height, String tipsetKey, String indexedAt)
        implements Row {
    @Override
    public String table() {
        return "address_sightings";
    }
}
