package jobs;

/** What the follow job asks the node about its chain (the head comes from Kamelet lotus-head-source). */
public interface NodeChain {

    /** The node's head: its height and tipset key (block CIDs joined by ','). */
    record Tip(long height, String key) {
    }

    /**
     * The key of the tipset at {@code height} on the node's current chain, as the pipeline stores
     * it in {@code tipsets.tipset_key}: block CIDs joined by ',', or "" for a null round.
     */
    String keyAt(long height);
}
