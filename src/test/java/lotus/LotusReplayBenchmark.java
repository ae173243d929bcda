package lotus;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import testsupport.Fixtures;

/**
 * What the indexing pipeline asks of Lotus per height — ChainGetTipSetByHeight, then a streamed
 * StateCompute read by the TraceReader — against the replay node's synthetic mainnet chain
 * (recorded 11–15 MB traces, cycled), on 1 and 2 threads. Prints tipsets/s; never asserts timings.
 */
@Tag("benchmark")
class LotusReplayBenchmark {
    private static final long FROM = 4_000_000;
    private static final int LENGTH = 120;

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

    /** The heights fetched and parsed as the pipeline does, by {@link bench.ParseLimit}, on {@code threads} threads. */
    private static void run(LotusClient client, int threads, int heights) throws Exception {
        bench.ParseLimit limit = bench.ParseLimit.measure(client, FROM, FROM + heights - 1, threads);
        double cpuMillis = limit.clientCpuSeconds() * 1000 / heights;
        System.out.printf("%d thread(s): %d tipsets in %.1f s = %.1f tipsets/s, %.0f executed messages/s;"
                        + " client CPU %.1f ms per tipset (= %.0f tipsets/s per core for the client side)%n",
                threads, heights, limit.seconds(), heights / limit.seconds(), limit.messages() / limit.seconds(),
                cpuMillis, 1000 / cpuMillis);
    }
}
