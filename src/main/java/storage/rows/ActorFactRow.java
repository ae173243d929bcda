package storage.rows;

/**
 * One fact about an actor (an address form, its code CID or type) as one indexed tipset shows it
 * (table {@code actor_facts}, migration 073): canonical when its {@code (height, tipset_key,
 * indexed_at)} is, like every height-scoped row.
 */
public record ActorFactRow(long actorId, String kind, String value, long height, String tipsetKey, String indexedAt)
        implements Row {
    @Override
    public String table() {
        return "actor_facts";
    }
}
