package trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Decode throughput over the recorded mainnet {@code StateCompute} answers, decompressed into
 * memory first and read in a loop: MB/s of JSON, tipsets/s, and messages (each with its whole
 * sub-call tree) per second. Prints wall-clock rates and rates per CPU-second of
 * the decoding threads (the machine is shared, so the latter is the steadier figure); asserts nothing
 * about time. {@code -Dbench.seconds}, {@code -Dbench.warmupSeconds}, {@code -Dbench.only=<label part>}.
 */
@Tag("benchmark")
class TraceReaderBenchmark {
    private static final long WARMUP_NANOS = Long.getLong("bench.warmupSeconds", 8) * 1_000_000_000L;
    private static final long MEASURE_NANOS = Long.getLong("bench.seconds", 15) * 1_000_000_000L;

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final JsonFactory factory = new JsonFactory();
    private final TraceReader reader = new TraceReader(factory);

    interface Decoder {
        long decode(byte[] json, long[] calls) throws IOException;
    }

    @Test
    void mainnetStateComputeThroughput() throws Exception {
        List<byte[]> tipsets = new ArrayList<>();
        long bytes = 0;
        for (Path file : TraceFixtures.of("mainnet")) {
            byte[] json = TraceFixtures.bytes(file);
            tipsets.add(json);
            bytes += json.length;
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("machine: %d cores, max heap %d MB, java %s (%s)%n", rt.availableProcessors(),
                rt.maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("java.vm.name"));
        System.out.printf("input: %d mainnet tipsets, %.1f MB of JSON in memory (%.1f MB per tipset)%n",
                tipsets.size(), bytes / 1e6, bytes / 1e6 / tipsets.size());

        Decoder filtered = (json, calls) -> stream(new GasChargeSummarizer(new ByteArrayInputStream(json)), calls);
        Decoder unfiltered = (json, calls) -> stream(new ByteArrayInputStream(json), calls);
        Decoder filterOnly = (json, calls) -> drain(new GasChargeSummarizer(new ByteArrayInputStream(json)));
        run("1 thread, GasChargeSummarizer alone (bytes through the filter)", tipsets, filterOnly, 1);
        run("1 thread, GasChargeSummarizer + streaming reader", tipsets, filtered, 1);
        run("1 thread, streaming reader only (skipChildren)", tipsets, unfiltered, 1);
        run("2 threads, GasChargeSummarizer + streaming reader", tipsets, filtered, 2);
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        while (in.read(buf, 0, buf.length) >= 0) {
            // only the filter's work is measured
        }
        return 0;
    }

    private long stream(InputStream in, long[] calls) throws IOException {
        long[] messages = {0};
        try (JsonParser p = factory.createParser(in)) {
            reader.readComputeResult(p, r -> {
                messages[0]++;
                calls[0] += 1 + r.subcallCount();
            });
        }
        return messages[0];
    }

    private void run(String label, List<byte[]> tipsets, Decoder decoder, int threads) throws Exception {
        if (!System.getProperty("bench.only", label).contains(System.getProperty("bench.only", ""))) {
            return;
        }
        loop(tipsets, decoder, WARMUP_NANOS);
        long[][] results = new long[threads][];
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int slot = t;
            Thread w = new Thread(() -> results[slot] = loop(tipsets, decoder, MEASURE_NANOS));
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = 0;
        long count = 0;
        long messages = 0;
        long calls = 0;
        long cpu = 0;
        for (long[] r : results) {
            cpu += r[4];
            count += r[0];
            bytes += r[1];
            messages += r[2];
            calls += r[3];
        }
        System.out.printf("%s: %.0f MB/s, %.1f tipsets/s, %.0f messages-with-subcall-trees/s (%.0f calls/s)"
                + " wall; per CPU-second: %.0f MB, %.1f tipsets, %.0f messages%n",
                label, bytes / 1e6 / seconds, count / seconds, messages / seconds, calls / seconds,
                bytes / 1e6 / (cpu / 1e9), count / (cpu / 1e9), messages / (cpu / 1e9));
    }

    /** Returns {tipsets, bytes, messages, calls}. */
    private static long[] loop(List<byte[]> tipsets, Decoder decoder, long nanos) {
        long end = System.nanoTime() + nanos;
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long[] out = new long[5];
        long[] calls = {0};
        try {
            while (System.nanoTime() < end) {
                for (byte[] json : tipsets) {
                    out[2] += decoder.decode(json, calls);
                    out[0]++;
                    out[1] += json.length;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        out[3] = calls[0];
        out[4] = CPU.getCurrentThreadCpuTime() - cpuStart;
        return out;
    }
}
