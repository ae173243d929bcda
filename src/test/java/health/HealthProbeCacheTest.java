package health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Issue 14, item 3: a burst of health requests probes each dependency once, not once per request. */
class HealthProbeCacheTest {
    @Test
    void aBurstOfRequestsSharesOneProbeAndAFreshOneFollowsAfterASecond() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        DependencyHealthCheck check = new DependencyHealthCheck("kafka", "Kafka", "127.0.0.1:9092", () -> {
            probes.incrementAndGet();
            return "ok";
        });
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            check.setCamelContext(context);
            long began = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
            }
            long elapsedMs = (System.nanoTime() - began) / 1_000_000;
            // one probe per freshness period at most, however long a loaded machine takes for the 200 calls
            assertThat(probes.get()).isBetween(1, 1 + (int) (elapsedMs / DependencyHealthCheck.PROBE_FRESHNESS.toMillis()));
            Thread.sleep(DependencyHealthCheck.PROBE_FRESHNESS.toMillis() + 200);
            check.call();
            assertThat(probes.get()).isEqualTo(2);
        }
    }

    @Test
    void aFailureIsKeptAsShortlyAndItsSecretsRedacted() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        DependencyHealthCheck check = new DependencyHealthCheck("lotus", "Lotus", "http://u:s3cret@node/rpc/v1?token=t0k", () -> {
            probes.incrementAndGet();
            throw new java.io.IOException("cannot reach http://u:s3cret@node/rpc/v1?token=t0k");
        });
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            check.setCamelContext(context);
            long began = System.nanoTime();
            HealthCheck.Result first = check.call();
            HealthCheck.Result second = check.call();
            long elapsedMs = (System.nanoTime() - began) / 1_000_000;
            assertThat(first.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(second.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(probes.get()).isBetween(1, 1 + (int) (elapsedMs / DependencyHealthCheck.PROBE_FRESHNESS.toMillis()));
            assertThat(first.getMessage().orElse("")).contains("node").doesNotContain("s3cret").doesNotContain("t0k");
            assertThat(String.valueOf(first.getDetails().get("target"))).doesNotContain("s3cret").doesNotContain("t0k");
        }
    }
}
