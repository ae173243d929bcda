package lotus;

import java.time.Duration;

/** The node's head is older than the configured sync tolerance: its answers about "now" are stale. */
public class LotusOutOfSyncException extends LotusException {
    private final long headHeight;
    private final Duration lag;

    public LotusOutOfSyncException(long headHeight, Duration lag, Duration tolerance) {
        super("ChainHead", "node out of sync: head " + headHeight + " is " + lag.toSeconds()
                + "s old, tolerance " + tolerance.toSeconds() + "s", null);
        this.headHeight = headHeight;
        this.lag = lag;
    }

    public long headHeight() {
        return headHeight;
    }

    public Duration lag() {
        return lag;
    }

    @Override
    public String kind() {
        return "out_of_sync";
    }
}
