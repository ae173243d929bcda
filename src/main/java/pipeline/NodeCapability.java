package pipeline;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the node offers one method. A refusal holds for a while only: once {@code recheck} has
 * passed the method is asked again, so one refusal (a gateway's passing policy, a token that lacked
 * a permission until an operator fixed it) never decides the mode of the whole process for good.
 */
final class NodeCapability {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCapability.class);
    private static final long NEVER = Long.MIN_VALUE;

    private final String method;
    private final String without;
    private final long recheckNanos;
    private volatile long refusedAt = NEVER;

    /** {@code without}: what indexing does meanwhile, for the log. */
    NodeCapability(String method, String without, Duration recheck) {
        this.method = method;
        this.without = without;
        this.recheckNanos = recheck.toNanos();
    }

    /** True unless the node refused the method less than {@code recheck} ago. */
    boolean worthAsking() {
        long at = refusedAt;
        return at == NEVER || System.nanoTime() - at >= recheckNanos;
    }

    void refused(Exception reason) {
        boolean first = refusedAt == NEVER;
        refusedAt = System.nanoTime();
        if (first) {
            LOG.warn("The Lotus node refused {} ({}): {}; asked again after {} ms", method, reason.getMessage(), without,
                    recheckNanos / 1_000_000);
        }
    }

    void answered() {
        if (refusedAt != NEVER) {
            refusedAt = NEVER;
            LOG.info("The Lotus node answers {} again", method);
        }
    }

    /** False while a refusal holds. */
    boolean available() {
        return refusedAt == NEVER;
    }
}
