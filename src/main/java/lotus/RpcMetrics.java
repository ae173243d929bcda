package lotus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-method meters: {@code filflow.lotus.rpc} (latency histogram, Prometheus
 * {@code filflow_lotus_rpc_seconds}), {@code filflow.lotus.rpc.errors}, {@code filflow.lotus.rpc.retries}.
 */
final class RpcMetrics {
    static final String LATENCY = "filflow.lotus.rpc";
    static final String ERRORS = "filflow.lotus.rpc.errors";
    static final String RETRIES = "filflow.lotus.rpc.retries";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    RpcMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer latency(String method) {
        return timers.computeIfAbsent(method, m -> observe.Meters.latency(LATENCY,
                        "Lotus JSON-RPC call time, retries included")
                .tag("method", m)
                .register(registry));
    }

    void retry(String method) {
        retries.computeIfAbsent(method, m -> Counter.builder(RETRIES)
                .description("Lotus JSON-RPC attempts repeated after a transient failure")
                .tag("method", m)
                .register(registry)).increment();
    }

    void error(String method, String kind) {
        Counter.builder(ERRORS)
                .description("Lotus JSON-RPC calls that failed, by kind")
                .tag("method", method)
                .tag("kind", kind)
                .register(registry)
                .increment();
    }
}
