package lotus;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import testsupport.Fixtures;
import trace.GasChargeSummarizer;
import trace.TraceReader;

/**
 * What the indexing pipeline asks of Lotus per height — ChainGetTipSetByHeight, then a streamed
 * StateCompute read by the TraceReader — against the replay node's synthetic mainnet chain
 * (recorded 11–15 MB traces, cycled), on 1 and 2 threads. Prints tipsets/s; never asserts timings.
 */
@Tag("benchmark")
class LotusReplayBenchmark {
    private static final long FROM = 4_000_000;
    private static final int LENGTH = 120;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    @Test
    void indexLikeThePipeline() throws Exception {
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(Fixtures.MAINNET)
                .withSynthetic(SyntheticOptions.of(FROM, LENGTH)))) {
            LotusClient client = new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
            System.out.printf("machine: %d cores, max heap %d MB, java %s, load %.1f%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("java.version"),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            run(client, 1, 20); // warm-up
            for (int threads : new int[] {1, 2}) {
                run(client, threads, LENGTH);
            }
        }
    }

    private static void run(LotusClient client, int threads, int heights) throws Exception {
        TraceReader traces = new TraceReader();
        AtomicLong next = new AtomicLong(FROM);
        LongAdder messages = new LongAdder();
        LongAdder tipsets = new LongAdder();
        LongAdder clientCpuNanos = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    for (long h = next.getAndIncrement(); h < FROM + heights; h = next.getAndIncrement()) {
                        TipSet ts = client.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
                        client.stateCompute(h, ts.key(), GasChargeSummarizer::new,
                                p -> traces.readComputeResult(p, ir -> messages.increment()));
                        tipsets.increment();
                    }
                    clientCpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpu);
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = clientCpuNanos.sum() / 1e6 / tipsets.sum();
        System.out.printf("%d thread(s): %d tipsets in %.1f s = %.1f tipsets/s, %.0f executed messages/s;"
                        + " client CPU %.1f ms per tipset (= %.0f tipsets/s per core for the client side)%n",
                threads, tipsets.sum(), seconds, tipsets.sum() / seconds, messages.sum() / seconds,
                cpuMillis, 1000 / cpuMillis);
    }
}
