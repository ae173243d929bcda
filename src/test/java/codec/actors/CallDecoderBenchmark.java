package codec.actors;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import trace.Call;
import trace.InvocationResult;

/**
 * Params/return decode throughput over the recorded mainnet traces, already read into the trace
 * model: every call of every message gets its actor type, method name, params and return decoded,
 * and is checked for a creation. Prints messages (with their sub-call trees) and calls per second,
 * wall clock and per CPU-second of this thread; asserts nothing about time.
 * {@code -Dbench.seconds}, {@code -Dbench.warmupSeconds}.
 */
@Tag("benchmark")
class CallDecoderBenchmark {
    private static final long WARMUP_NANOS = Long.getLong("bench.warmupSeconds", 5) * 1_000_000_000L;
    private static final long MEASURE_NANOS = Long.getLong("bench.seconds", 15) * 1_000_000_000L;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    @Test
    void mainnetParamsAndReturnsThroughput() {
        List<InvocationResult> messages = new ArrayList<>();
        for (Path f : Fixtures.traceFiles()) {
            if (f.toString().contains("mainnet")) {
                messages.addAll(CreationsTest.read(f).trace());
            }
        }
        long calls = messages.stream().mapToLong(m -> 1 + m.subcallCount()).sum();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("machine: %d cores, max heap %d MB, java %s (%s)%n", rt.availableProcessors(),
                rt.maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("java.vm.name"));
        System.out.printf("input: %d mainnet messages, %d calls (with sub-calls)%n", messages.size(), calls);
        CallDecoder decoder = CallDecoder.standard();
        long sink = loop(messages, decoder, WARMUP_NANOS)[2];
        long[] r = loop(messages, decoder, MEASURE_NANOS);
        double wall = r[3] / 1e9;
        double cpu = r[4] / 1e9;
        System.out.printf("decode params+return+name+creation: %.0f messages/s, %.0f calls/s wall; "
                + "%.0f messages/s, %.0f calls/s per CPU-second (%d rounds, checksum %d)%n",
                r[0] / wall, r[1] / wall, r[0] / cpu, r[1] / cpu, r[0] / messages.size(), r[2] + sink);
    }

    /** Returns {messages, calls, checksum, wall nanos, cpu nanos}. */
    private static long[] loop(List<InvocationResult> messages, CallDecoder decoder, long nanos) {
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long msgs = 0;
        long calls = 0;
        long checksum = 0;
        while (System.nanoTime() - start < nanos) {
            for (InvocationResult m : messages) {
                for (Call c : m.trace().preOrder()) {
                    checksum += decoder.params(c).json().size() + decoder.returnValue(c).json().size();
                    checksum += decoder.methodName(c).map(String::length).orElse(0);
                    checksum += Creations.read(c).isPresent() ? 1 : 0;
                    calls++;
                }
                msgs++;
            }
        }
        return new long[] {msgs, calls, checksum, System.nanoTime() - start, CPU.getCurrentThreadCpuTime() - cpuStart};
    }
}
