package jobs;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;

import bench.ParseLimit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import testsupport.FilflowInstance;
import testsupport.Fixtures;
import testsupport.SharedEngines;

/**
 * Backfills a synthetic mainnet-like chain (the recorded mainnet tipsets, 82–121 messages and
 * ~14 MB of StateCompute JSON each, cycled) from the replay node through the whole application —
 * work queue, consumer, per-height pipeline, ClickHouse, reports — and prints, for the same data:
 * the backfill rate, (a) the parse limit (fetch and parse the same traces, discard them) and
 * (b) the raw ClickHouse insert rate of the same rows. Run with -Xmx512m:
 * {@code mvn -o test -Dgroups=benchmark -DexcludedGroups= -Dtest=BackfillBenchmark -Dsurefire.argLine=-Xmx512m}
 */
@Tag("benchmark")
class BackfillBenchmark {
    private static final long FROM = 5_000_000;

    @Test
    void backfill() throws Exception {
        int heights = Integer.getInteger("backfill.heights", 200);
        int parallelism = Integer.getInteger("backfill.parallelism", 4);
        long to = FROM + heights - 1;
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(Fixtures.MAINNET)
                .withSynthetic(SyntheticOptions.of(FROM, heights + 10)))) {
            LotusClient lotus = new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
            Client ch = SharedEngines.clickHouse().client();
            try (Connection c = SharedEngines.postgres().getConnection(); Statement s = c.createStatement()) {
                s.execute("TRUNCATE indexer_cursor, index_walks, scheduler_observations");
            }

            // warm-up: JIT and the replay node's caches see every recorded shape once
            ParseLimit.measure(lotus, FROM, FROM + 7, parallelism);
            ParseLimit parse = ParseLimit.measure(lotus, FROM, to, parallelism);

            String id = UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("lotus.url", node.url().toString());
            settings.put("filflow.heights.topic", "bench-" + id);
            settings.put("filflow.heights.group", "bench-" + id);
            settings.put("filflow.heights.poll-timeout-ms", "100");
            settings.put("filflow.jobs.follow.enabled", "false");
            settings.put("filflow.jobs.gaps.enabled", "false");
            settings.put("filflow.jobs.walk.period-ms", "100");
            // variants for finding where time goes, e.g. -Dbackfill.settings=filflow.heights.consumers=2
            for (String kv : System.getProperty("backfill.settings", "").split(",")) {
                if (kv.contains("=")) {
                    settings.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
                }
            }
            System.gc();
            HeapSampler heap = new HeapSampler();
            StackSampler stacks = new StackSampler();
            long started = System.nanoTime();
            try (FilflowInstance app = FilflowInstance.start(SharedEngines.newTempDir(), settings)) {
                long booted = System.nanoTime();
                app.context().getRegistry().lookupByNameAndType("indexingJobs", IndexingJobs.class).submitRange(FROM, to);
                while (count(ch, "SELECT count() AS n FROM processing_reports FINAL WHERE status != 'failed' "
                        + "AND height BETWEEN " + FROM + " AND " + to) < heights) {
                    Thread.sleep(200);
                }
                double seconds = (System.nanoTime() - booted) / 1e9;
                long peakHeap = heap.stop();
                stacks.stop();
                long messages = count(ch, "SELECT count() AS n FROM messages WHERE height BETWEEN " + FROM + " AND " + to);
                long subcalls = count(ch, "SELECT count() AS n FROM subcalls WHERE height BETWEEN " + FROM + " AND " + to);
                long failed = count(ch, "SELECT count() AS n FROM processing_reports FINAL WHERE status = 'failed' "
                        + "AND height BETWEEN " + FROM + " AND " + to);
                double insertMessages = rawInsertRate(ch, "messages", to);
                double insertSubcalls = rawInsertRate(ch, "subcalls", to);

                System.out.printf("%n=== BackfillBenchmark: %d synthetic mainnet-like tipsets (%d..%d) ===%n", heights, FROM, to);
                System.out.printf("machine: %d cores, max heap %d MiB, java %s (%s), %s %s%n",
                        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                        System.getProperty("java.version"), System.getProperty("java.vm.name"),
                        System.getProperty("os.name"), System.getProperty("os.arch"));
                System.out.printf("application start: %.1f s (not counted); settings %s; load average %.1f%n",
                        (booted - started) / 1e9, System.getProperty("backfill.settings", "default"),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.printf("backfill: %.1f s, %.1f tipsets/s, %.0f message rows/s, %.0f sub-call rows/s, "
                                + "%.1f trace MB/s, peak heap %d MiB, failed heights %d%n",
                        seconds, heights / seconds, messages / seconds, subcalls / seconds,
                        parse.bytes() / 1e6 / seconds, peakHeap >> 20, failed);
                System.out.printf("(a) parse limit (fetch + parse, %d threads, rows discarded): %.1f tipsets/s, "
                                + "%.1f trace MB/s, %d messages%n",
                        parallelism, heights / parse.seconds(), parse.bytes() / 1e6 / parse.seconds(), parse.messages());
                System.out.printf("(b) raw ClickHouse insert of the same rows (RowBinary, one insert per table): "
                        + "messages %.0f rows/s, sub-calls %.0f rows/s%n", insertMessages, insertSubcalls);
                System.out.printf("backfill / parse limit: %.0f%%%n", 100.0 * (heights / seconds) / (heights / parse.seconds()));
                System.out.printf("per height (processing reports): %s%n", count(ch, "SELECT toUInt64(avg(duration_ms)) AS n "
                        + "FROM processing_reports FINAL WHERE height BETWEEN " + FROM + " AND " + to) + " ms average");
                System.out.println("Camel routes (exchanges, total processing time, mean):");
                ManagedCamelContext managed = app.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
                for (var route : app.context().getRoutes()) {
                    var stats = managed.getManagedRoute(route.getRouteId());
                    if (stats != null && stats.getExchangesTotal() > 0) {
                        System.out.printf("  %-22s %8d exchanges %9.1f s total %9.2f ms mean%n", route.getRouteId(),
                                stats.getExchangesTotal(), stats.getTotalProcessingTime() / 1e3, (double) stats.getMeanProcessingTime());
                    }
                }
                System.out.println("where the time goes (runnable-thread samples every 50 ms, by thread and first project frame):");
                stacks.top(25).forEach(line -> System.out.println("  " + line));
            }
        }
    }

    /** Reads the rows back as RowBinary, then times one insert of them into an empty copy of the table. */
    private static double rawInsertRate(Client ch, String table, long to) throws Exception {
        String copy = "bench_" + table;
        ch.execute("DROP TABLE IF EXISTS " + copy).get().close();
        ch.execute("CREATE TABLE " + copy + " AS " + table).get().close();
        byte[] rows;
        try (QueryResponse r = ch.query("SELECT * FROM " + table + " WHERE height BETWEEN " + FROM + " AND " + to,
                new QuerySettings().setFormat(ClickHouseFormat.RowBinary)).get()) {
            rows = r.getInputStream().readAllBytes();
        }
        long n = count(ch, "SELECT count() AS n FROM " + table + " WHERE height BETWEEN " + FROM + " AND " + to);
        long started = System.nanoTime();
        ch.insert(copy, new java.io.ByteArrayInputStream(rows), ClickHouseFormat.RowBinary).get().close();
        double seconds = (System.nanoTime() - started) / 1e9;
        ch.execute("DROP TABLE " + copy).get().close();
        return n / seconds;
    }

    private static long count(Client ch, String sql) {
        return ch.queryAll(sql).get(0).getLong("n");
    }

    /** Samples used heap every 20 ms (the whole JVM: replay node and Kafka broker run in it too). */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapSampler() {
            thread = new Thread(() -> {
                var memory = ManagementFactory.getMemoryMXBean();
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() {
            running = false;
            return peak.get();
        }
    }

    /**
     * A poor man's profiler: every 50 ms, each RUNNABLE thread is attributed to its name (numbers
     * stripped) and its top-most frame in a project package (or its top frame).
     */
    private static final class StackSampler {
        private static final List<String> OWN = List.of("pipeline.", "jobs.", "archive.", "trace.", "lotus.", "storage.",
                "codec.", "replay.", "embedded.", "routes.", "api.");
        /** Native waits that show as RUNNABLE but use no CPU. */
        private static final List<String> IDLE = List.of("EPoll.wait", "FileInputStream.readBytes",
                "waitForProcessExit0", "waitForReferencePendingList", "Net.accept", "Net.poll");
        private final Map<String, Long> samples = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        StackSampler() {
            thread = new Thread(() -> {
                while (running) {
                    Thread.getAllStackTraces().forEach((t, frames) -> {
                        if (t != Thread.currentThread() && t.getState() == Thread.State.RUNNABLE && frames.length > 0
                                && IDLE.stream().noneMatch((frames[0].getClassName() + "." + frames[0].getMethodName())::endsWith)) {
                            samples.merge(key(t, frames), 1L, Long::sum);
                        }
                    });
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "stack-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private static String key(Thread t, StackTraceElement[] frames) {
            String top = frames[0].getClassName() + "." + frames[0].getMethodName();
            String own = null;
            for (StackTraceElement f : frames) {
                if (OWN.stream().anyMatch(f.getClassName()::startsWith)) {
                    own = f.getClassName() + "." + f.getMethodName();
                    break;
                }
            }
            return t.getName().replaceAll("[0-9]+", "#") + " | " + (own == null ? "" : own + " <- ") + top;
        }

        void stop() {
            running = false;
        }

        List<String> top(int n) {
            long total = samples.values().stream().mapToLong(Long::longValue).sum();
            return samples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                    .map(e -> String.format("%5.1f%%  %s", 100.0 * e.getValue() / total, e.getKey())).toList();
        }
    }
}
