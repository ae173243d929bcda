package health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Readiness of one dependency filflow needs (ClickHouse, Kafka, PostgreSQL, Lotus): UP with a
 * short detail from a cheap probe, or DOWN with a message that names the dependency and why.
 * The probe runs on every health request, so a dependency that comes back turns UP by itself.
 */
public final class DependencyHealthCheck extends AbstractHealthCheck {

    /** Contacts the dependency within a few seconds; returns a detail such as its version. */
    @FunctionalInterface
    public interface Probe {
        String check() throws Exception;
    }

    private final String dependency;
    private final String target;
    private final Probe probe;

    /** {@code target} says where the dependency is, e.g. its URL (never with credentials). */
    public DependencyHealthCheck(String id, String dependency, String target, Probe probe) {
        super("filflow", id);
        this.dependency = dependency;
        this.target = target;
        this.probe = probe;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("dependency", dependency).detail("target", target);
        try {
            builder.detail("info", probe.check()).up();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the target stays in the details: Camel's JSON output mangles slashes in messages
            builder.message(dependency + " unreachable: " + rootMessage(e)).down();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
