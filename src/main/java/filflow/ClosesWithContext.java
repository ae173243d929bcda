package filflow;

import org.apache.camel.support.service.ServiceSupport;

/**
 * Closes a client when the Camel context stops. Added to the context after the engines' service,
 * it stops before them (services stop in the reverse order they were added).
 */
public final class ClosesWithContext extends ServiceSupport {
    private final AutoCloseable target;

    public ClosesWithContext(AutoCloseable target) {
        this.target = target;
    }

    @Override
    protected void doStop() throws Exception {
        target.close();
    }
}
