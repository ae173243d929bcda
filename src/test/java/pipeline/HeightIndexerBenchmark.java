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

    /**
     * What the state history adds to a backfill (docs/HISTORY.md), on the 1.26+ calibnet recordings:
     * its rows (balance_changes, balance_snapshots) among all rows, and the StateGetActor calls for
     * snapshots (one per actor first seen by the process: the first round pays them, later ones not)
     * against the whole extraction time. Prints, never asserts.
     */
    @Test
    void historyCostOnRecordedCalibnetHeights() {
        List<Long> heights = List.of(1162295L, 1256171L, 1352134L, 1419335L, 1467665L, 1552242L, 1576593L, 1698055L);
        try (PipelineFixture f = new PipelineFixture("calibnet", "pipeline_bench_history")) {
            for (int round = 0; round < 3; round++) {
                double rpcBefore = stateGetActorMillis(f);
                long calls = stateGetActorCalls(f);
                long t0 = System.nanoTime();
                java.util.Map<String, Integer> byTable = new java.util.TreeMap<>();
                for (long h : heights) {
                    f.indexer.extractor().extract(h).rows().forEach(r -> byTable.merge(r.table(), 1, Integer::sum));
                }
                double extractMillis = (System.nanoTime() - t0) / 1e6;
                int all = byTable.values().stream().mapToInt(Integer::intValue).sum();
                int history = byTable.getOrDefault("balance_changes", 0) + byTable.getOrDefault("balance_snapshots", 0);
                double rpc = stateGetActorMillis(f) - rpcBefore;
                System.out.printf("round %d: extract %d heights in %.0f ms; history rows %d of %d (%.1f %%: %d changes,"
                        + " %d snapshots); StateGetActor %d calls, %.0f ms (%.1f %% of extraction); load %s%n",
                        round, heights.size(), extractMillis, history, all, 100.0 * history / all,
                        byTable.getOrDefault("balance_changes", 0), byTable.getOrDefault("balance_snapshots", 0),
                        stateGetActorCalls(f) - calls, rpc, 100 * rpc / extractMillis, loadAverage());
            }
            System.out.printf("machine: %d cores, max heap %d MiB, java %s%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        }
    }

    private static io.micrometer.core.instrument.Timer stateGetActor(PipelineFixture f) {
        return f.metrics.getMeters().stream().filter(m -> m instanceof io.micrometer.core.instrument.Timer)
                .map(m -> (io.micrometer.core.instrument.Timer) m)
                .filter(t -> "StateGetActor".equals(t.getId().getTag("method"))).findFirst().orElse(null);
    }

    private static double stateGetActorMillis(PipelineFixture f) {
        var t = stateGetActor(f);
        return t == null ? 0 : t.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static long stateGetActorCalls(PipelineFixture f) {
        var t = stateGetActor(f);
        return t == null ? 0 : t.count();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
