package lotus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-method meters: {@code lotus.rpc.latency}, {@code lotus.rpc.errors}, {@code lotus.rpc.retries}. */
final class RpcMetrics {
    static final String LATENCY = "lotus.rpc.latency";
    static final String ERRORS = "lotus.rpc.errors";
    static final String RETRIES = "lotus.rpc.retries";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    RpcMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer latency(String method) {
        return timers.computeIfAbsent(method, m -> Timer.builder(LATENCY)
                .description("Lotus JSON-RPC call time, retries included")
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
