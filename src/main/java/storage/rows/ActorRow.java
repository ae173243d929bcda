package storage.rows;

/** One sighting of an actor; the table aggregates sightings (min/max), so repeats are harmless. */
public record ActorRow(long id, String robust, String delegated, String eth, String codeCid, String actorType,
        long firstSeen, long lastSeen) implements Row {
    @Override
    public String table() {
        return "actors";
    }
}
