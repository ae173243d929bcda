package jobs;

/** What the jobs need to know about the node's chain. */
public interface NodeChain {

    /** The node's head: its height and tipset key (block CIDs joined by ','). */
    record Tip(long height, String key) {
    }

    Tip head();

    /**
     * The key of the tipset at {@code height} on the node's current chain, as the pipeline stores
     * it in {@code tipsets.tipset_key}: block CIDs joined by ',', or "" for a null round.
     */
    String keyAt(long height);
}
