package pipeline;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Per-height pipeline cost on the recorded mainnet tipsets (re-indexed in rounds, so warm): prints
 * tipsets/s and rows/s for extraction alone and for the whole path. Prints, never asserts.
 */
@Tag("benchmark")
class HeightIndexerBenchmark {
    private static final List<Long> MAINNET = List.of(2907480L, 3140097L, 3573062L, 3573064L);

    @Test
    void recordedMainnetHeights() {
        try (PipelineFixture f = new PipelineFixture("mainnet", "pipeline_bench")) {
            List<Long> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.addAll(MAINNET);
            }
            for (int round = 0; round < 3; round++) {
                long tp = System.nanoTime();
                for (long h : batch) {
                    lotus.TipSet ts = f.lotus.chainGetTipSetByHeight(h, lotus.TipSetKey.EMPTY);
                    f.lotus.stateCompute(h, ts.key(), trace.GasChargeSummarizer::new,
                            p -> new trace.TraceReader().readComputeResult(p, ir -> { }));
                }
                System.out.printf("round %d: parse limit (fetch + parse, discard) %.1f tipsets/s%n", round,
                        batch.size() / ((System.nanoTime() - tp) / 1e9));
                long t0 = System.nanoTime();
                int rows = 0;
                for (long h : batch) {
                    rows += f.indexer.extractor().extract(h).rows().size();
                }
                double extractSeconds = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                List<HeightResult> results = f.route.index(batch, c -> { });
                double allSeconds = (System.nanoTime() - t1) / 1e9;
                long failed = results.stream().filter(r -> !r.succeeded()).count();
                System.out.printf("round %d: extract only %.1f tipsets/s (%.0f rows/s, 1 thread); "
                        + "full path %.1f tipsets/s (%d failed)%n", round, batch.size() / extractSeconds,
                        rows / extractSeconds, batch.size() / allSeconds, failed);
            }
            f.metrics.getMeters().stream().filter(m -> m instanceof io.micrometer.core.instrument.Timer)
                    .map(m -> (io.micrometer.core.instrument.Timer) m)
                    .forEach(t -> System.out.printf("rpc %s %s: %d calls, mean %.1f ms%n", t.getId().getName(),
                            t.getId().getTags(), t.count(), t.mean(java.util.concurrent.TimeUnit.MILLISECONDS)));
            System.out.printf("machine: %d cores, max heap %d MiB, java %s, heap used %d MiB%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("java.version"),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
        }
    }
}
