package bench;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import lotus.LotusClient;
import lotus.TipSet;
import lotus.TipSetKey;
import trace.GasChargeSummarizer;
import trace.TraceReader;

/**
 * The parse limit of a backfill, what the backfill benchmarks compare filflow with: the time to
 * fetch and parse heights' StateCompute from the node, the bytes and messages that took, and the
 * CPU time of the threads that fetched and parsed (the client side, without the node's).
 */
public record ParseLimit(double seconds, long bytes, long messages, double clientCpuSeconds) {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Fetches and parses every height's StateCompute exactly as the pipeline reads it, keeping nothing. */
    public static ParseLimit measure(LotusClient lotus, long from, long to, int threads) throws Exception {
        AtomicLong bytes = new AtomicLong();
        AtomicLong messages = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        TraceReader reader = new TraceReader();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (long h = from; h <= to; h++) {
                long height = h;
                done.add(pool.submit(() -> {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    TipSet ts = lotus.chainGetTipSetByHeight(height, TipSetKey.EMPTY);
                    lotus.stateCompute(height, ts.key(),
                            body -> new GasChargeSummarizer(new Counting(body, bytes)),
                            p -> reader.readComputeResult(p, r -> messages.incrementAndGet()));
                    cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new ParseLimit((System.nanoTime() - started) / 1e9, bytes.get(), messages.get(), cpuNanos.get() / 1e9);
    }

    /** Counts the bytes of the HTTP body the parser gets before any filtering. */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong bytes;

        Counting(InputStream in, AtomicLong bytes) {
            super(in);
            this.bytes = bytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytes.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytes.addAndGet(n);
            }
            return n;
        }
    }
}
