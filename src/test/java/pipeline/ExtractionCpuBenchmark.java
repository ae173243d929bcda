package pipeline;

import archive.FileArchiveStore;
import codec.actors.CallDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import lotus.TipSet;
import lotus.TipSetKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import trace.GasChargeSummarizer;
import trace.TraceReader;

/**
 * CPU time of one {@code height-fetch} thread per mainnet-like tipset, in steady state: the
 * synthetic chain of the replay node (in this JVM, its threads not counted), heights extracted one
 * after another on this thread with the archive written to a file store, as {@code HeightIndexer} does. Counts this
 * thread's CPU time only ({@code ThreadMXBean}), so other processes on a shared machine and the
 * JIT compiler threads do not enter the figure, and rounds run until the JIT has settled. Also
 * prints the parse alone (fetch, gas-charge filter, trace reader, nothing kept), so the rest is
 * the extraction's own cost, and the same height extracted again without the archive (its ZIP
 * Deflate runs in native code, which JFR's execution samples do not see), and once more with the
 * archive compressed another way (A/B under the same load). Prints, never asserts:
 * {@code mvn -o test -Dgroups=benchmark -DexcludedGroups= -Dtest=ExtractionCpuBenchmark
 * [-Dbench.rounds=8 -Dbench.heights=40 -Dbench.compression=stored -Dbench.other-compression=deflate-1]}
 */
@Tag("benchmark")
class ExtractionCpuBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void cpuPerTipset() throws IOException {
        int rounds = Integer.getInteger("bench.rounds", 8);
        int heights = Integer.getInteger("bench.heights", 40);
        long from = 5_000_000;
        ReplayConfig config = ReplayConfig.of(FixtureCounts.LOTUS.resolve("mainnet"))
                .withSynthetic(SyntheticOptions.of(from, (long) rounds * heights + 10));
        try (ReplayNode node = ReplayNode.start(config)) {
            LotusClient lotus = new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
            ActorCache book = new ActorCache(lotus, 10_000);
            java.nio.file.Path archiveDir = Files.createTempDirectory("extraction-bench");
            HeightExtractor extractor = new HeightExtractor(lotus, book, CallDecoder.standard(), () -> "mainnet",
                    new FileArchiveStore(archiveDir), ArchiveCompression.parse(System.getProperty("bench.compression",
                            "stored")), java.time.Duration.ofMinutes(1), java.time.Clock.systemUTC());
            String other = System.getProperty("bench.other-compression", "deflate-1");
            java.nio.file.Path otherDir = Files.createTempDirectory("extraction-bench-other");
            HeightExtractor otherExtractor = new HeightExtractor(lotus, book, CallDecoder.standard(), () -> "mainnet",
                    new FileArchiveStore(otherDir), ArchiveCompression.parse(other), java.time.Duration.ofMinutes(1),
                    java.time.Clock.systemUTC());
            HeightExtractor noArchive = new HeightExtractor(lotus, book, CallDecoder.standard(), () -> "mainnet", null);
            TraceReader reader = new TraceReader();
            long h = from;
            for (int round = 0; round < rounds; round++) {
                long parseCpu = 0;
                long extractCpu = 0;
                long noArchiveCpu = 0;
                long otherCpu = 0;
                int rows = 0;
                for (int i = 0; i < heights; i++, h++) {
                    long height = h;
                    long t0 = THREADS.getCurrentThreadCpuTime();
                    TipSet ts = lotus.chainGetTipSetByHeight(height, TipSetKey.EMPTY);
                    lotus.stateCompute(height, ts.key(), GasChargeSummarizer::new,
                            p -> reader.readComputeResult(p, ir -> { }));
                    long t1 = THREADS.getCurrentThreadCpuTime();
                    HeightRows r = extractor.extract(height);
                    long t2 = THREADS.getCurrentThreadCpuTime();
                    noArchive.extract(height);
                    long t3 = THREADS.getCurrentThreadCpuTime();
                    otherExtractor.extract(height);
                    otherCpu += THREADS.getCurrentThreadCpuTime() - t3;
                    parseCpu += t1 - t0;
                    extractCpu += t2 - t1;
                    noArchiveCpu += t3 - t2;
                    rows += r.rows().size();
                }
                System.out.printf("round %d: CPU a tipset (this thread): parse alone %.1f ms, extraction with"
                                + " archive %.1f ms, without archive %.1f ms, with the archive %s %.1f ms; %d rows a"
                        + " tipset; load %.1f%n", round, parseCpu / 1e6 / heights, extractCpu / 1e6 / heights,
                        noArchiveCpu / 1e6 / heights, other, otherCpu / 1e6 / heights, rows / heights,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            long archiveBytes;
            int files;
            try (java.util.stream.Stream<java.nio.file.Path> zips = Files.list(archiveDir)) {
                List<java.nio.file.Path> all = zips.filter(p -> p.toString().endsWith(".zip")).toList();
                files = all.size();
                archiveBytes = 0;
                for (java.nio.file.Path p : all) {
                    archiveBytes += Files.size(p);
                }
            }
            System.out.printf("archive (%s): %d files, %.0f KiB a tipset%n", System.getProperty("bench.compression",
                    "stored"), files, archiveBytes / 1024.0 / Math.max(1, files));
            System.out.printf("machine: %d cores, java %s, load average %.1f%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
