package health;

import filflow.Redact;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;

/**
 * Readiness of one dependency filflow needs (ClickHouse, Kafka, PostgreSQL, Lotus): UP with a
 * short detail from a cheap probe, or DOWN with a message that names the dependency and why.
 * The probe runs at most once a second (a burst of health requests shares its outcome), so a
 * dependency that comes back turns UP by itself within a second.
 */
public final class DependencyHealthCheck extends AbstractHealthCheck {

    /** Contacts the dependency within a few seconds; returns a detail such as its version. */
    @FunctionalInterface
    public interface Probe {
        String check() throws Exception;
    }

    static final Duration PROBE_FRESHNESS = Duration.ofSeconds(1);

    private final String dependency;
    private final String target;
    private final Probe probe;
    /** A burst of health requests probes once: each probe may open a connection (a Kafka admin client). */
    private final Cache<Boolean, Outcome> recent = Caffeine.newBuilder()
            .expireAfterWrite(PROBE_FRESHNESS).maximumSize(1).build();

    /** {@code target} says where the dependency is, e.g. its URL (shown without credentials, query or keys). */
    public DependencyHealthCheck(String id, String dependency, String target, Probe probe) {
        super("filflow", id);
        this.dependency = dependency;
        this.target = Redact.text(target);
        this.probe = probe;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("dependency", dependency).detail("target", target);
        Outcome outcome = recent.get(Boolean.TRUE, k -> probe());
        if (outcome.up()) {
            builder.detail("info", outcome.text()).up();
        } else {
            // the target stays in the details: Camel's JSON output mangles slashes in messages
            builder.message(outcome.text()).down();
        }
    }

    /** What the probe found: UP with its detail, or DOWN with the reason (secrets redacted). */
    private record Outcome(boolean up, String text) {
    }

    private Outcome probe() {
        try {
            return new Outcome(true, probe.check());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Outcome(false, dependency + " unreachable: " + Redact.text(rootMessage(e)));
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
