package storage;

import api.ActorDirectory;
import api.AddressInput;
import api.ChainQueries;
import api.ClickHouseRows;
import api.IndexedFixtures;
import api.MessageLists;
import api.MessageQueries;
import api.SqlRows;
import codec.address.Address;
import codec.address.Network;
import codec.cid.Cid;
import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.node.ObjectNode;
import embedded.ChdbProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost of the API's own statements in the embedded engine, without HTTP in front of the API.
 * The recorded mainnet heights are indexed by the real pipeline; each scenario (message by CID,
 * tipset, block, address, messages by address / method) calls the API's query classes once per
 * key through a recorder, so the statements replayed are exactly the ones the API sends today.
 * Each statement is then run {@code bench.queries} times per client variant, printing wall
 * p50/p99, and the CPU per query of the engine's process (the chDB child, from /proc) and of
 * this JVM (the client: request, parsing). Figures only, nothing timed is asserted.
 * Run: {@code mvn -o -B -q test -Dgroups=benchmark -DexcludedGroups= -Dtest=ApiStatementsBenchmark}
 * ({@code -Dbench.queries=N}, {@code -Dbench.variants=baseline,nocompress,...}).
 */
@Tag("benchmark")
class ApiStatementsBenchmark {
    private static final List<Long> HEIGHTS = List.of(2907480L, 3140097L, 3573062L, 3573064L);
    private static final int QUERIES = Integer.getInteger("bench.queries", 300);
    private static final int WARMUP = 30;
    private static final int KEYS = 8;
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** A statement the API sent, with its parameters. */
    record Statement(String sql, Map<String, Object> params) {
    }

    /** Passes queries through, keeping each statement when recording. */
    static final class Recorder implements SqlRows {
        private final SqlRows target;
        private final List<Statement> recorded = new ArrayList<>();

        Recorder(SqlRows target) {
            this.target = target;
        }

        @Override
        public List<ObjectNode> query(String sql, Map<String, Object> params) {
            recorded.add(new Statement(sql, params));
            return target.query(sql, params);
        }

        /** The statements {@code request} sends, each call with a fresh actor cache. */
        List<Statement> statementsOf(Runnable request) {
            recorded.clear();
            request.run();
            return List.copyOf(recorded);
        }
    }

    /** A way of sending the API's statements: the client as configured, and what it asks the engine per query. */
    record Variant(String name, Function<ClickHouseAccess, SqlRows> rows) {
    }

    @Test
    void statementCosts() throws Exception {
        ClickHouseAccess ch = IndexedFixtures.index("mainnet", HEIGHTS, "engine_cost_bench");
        ChdbProcess engine = SharedEngines.chdbProcess();
        SqlRows direct = new ClickHouseRows(ch::apiClient, 10_000);

        List<String> cids = column(direct, "SELECT key FROM cid_lookup FINAL WHERE kind = 'message' ORDER BY cityHash64(key) LIMIT " + KEYS, "key");
        List<String> blocks = column(direct, "SELECT key FROM cid_lookup FINAL WHERE kind = 'block' ORDER BY cityHash64(key) LIMIT " + KEYS, "key");
        List<String> senders = column(direct, "SELECT DISTINCT from_address FROM messages FINAL ORDER BY cityHash64(from_address) LIMIT " + KEYS, "from_address");
        List<String> methods = column(direct, "SELECT DISTINCT toString(method) AS m FROM messages FINAL ORDER BY m LIMIT " + KEYS, "m");
        assertThat(cids).hasSize(KEYS);
        assertThat(blocks).hasSize(KEYS);

        Recorder recorder = new Recorder(direct);
        Map<String, List<List<Statement>>> scenarios = new LinkedHashMap<>();
        scenarios.put("message by CID", record(recorder, cids, (api, cid) -> api.messages.message(cid)));
        scenarios.put("tipset by height", record(recorder, HEIGHTS.stream().map(String::valueOf).toList(),
                (api, h) -> api.chain.tipset(Long.parseLong(h))));
        scenarios.put("block by CID", record(recorder, blocks, (api, b) -> api.chain.block(Cid.parse(b))));
        scenarios.put("address", record(recorder, senders, (api, a) -> api.actors.find(Address.parse(a))));
        scenarios.put("messages by address", record(recorder, senders, (api, a) -> api.lists.list(
                new MessageLists.Filter(null, null, AddressInput.parse(a), null, false, false), 25, null)));
        scenarios.put("messages by method", record(recorder, methods, (api, m) -> api.lists.list(
                new MessageLists.Filter(null, null, null, Long.parseLong(m), false, false), 25, null)));

        System.out.printf("%nAPI statements in the embedded engine: %s%n", machine());
        System.out.printf("fixture heights %s; %d keys a scenario; each statement %d times after %d warm-up;"
                + " engine pid %d%n", HEIGHTS, KEYS, QUERIES, WARMUP, engine.pid());
        settingsOf(direct);
        for (Variant variant : variants(engine)) {
            SqlRows rows = variant.rows().apply(ch);
            System.out.printf("%n== variant %s (load %s)%n", variant.name(), loadAverage());
            System.out.printf("  %-22s %-4s %-60s %8s %8s %10s %10s%n", "scenario", "#", "statement", "p50 ms",
                    "p99 ms", "engine ms", "jvm ms");
            double[] totals = new double[4];
            for (Map.Entry<String, List<List<Statement>>> scenario : scenarios.entrySet()) {
                List<List<Statement>> perKey = scenario.getValue();
                int shapes = perKey.stream().mapToInt(List::size).max().orElse(0);
                double[] request = new double[4];
                for (int shape = 0; shape < shapes; shape++) {
                    List<Statement> runs = new ArrayList<>();
                    for (List<Statement> statements : perKey) {
                        if (shape < statements.size()) {
                            runs.add(statements.get(shape));
                        }
                    }
                    double[] cost = measure(rows, runs, engine.pid());
                    for (int i = 0; i < 4; i++) {
                        request[i] += cost[i];
                    }
                    System.out.printf("  %-22s %-4d %-60s %8.2f %8.2f %10.2f %10.2f%n", scenario.getKey(), shape + 1,
                            shorten(runs.get(0).sql()), cost[0], cost[1], cost[2], cost[3]);
                }
                System.out.printf("  %-22s %-4s %-60s %8.2f %8.2f %10.2f %10.2f%n", scenario.getKey(), "all",
                        "(sum of the request's statements)", request[0], request[1], request[2], request[3]);
                for (int i = 0; i < 4; i++) {
                    totals[i] += request[i];
                }
            }
            System.out.printf("  %-22s %-4s %-60s %8.2f %8.2f %10.2f %10.2f%n", "every scenario", "all", "", totals[0],
                    totals[1], totals[2], totals[3]);
        }
    }

    /**
     * Index granularity of a point-lookup table at explorer scale: a copy of {@code cid_lookup}'s
     * shape with {@code bench.lookup-rows} (2M) rows of CID-like keys at granularity 8192 (today's)
     * and smaller, each read by the API's lookup shape (key equality, FINAL) for random keys.
     * Run: {@code ... -Dtest=ApiStatementsBenchmark#lookupGranularity}
     */
    @Test
    void lookupGranularity() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("engine_cost_granularity");
        ChdbProcess engine = SharedEngines.chdbProcess();
        SqlRows rows = new ClickHouseRows(ch::apiClient, 60_000);
        int lookupRows = Integer.getInteger("bench.lookup-rows", 2_000_000);
        System.out.printf("%nPoint lookups by key in %,d rows of cid_lookup's shape: %s%n", lookupRows, machine());
        System.out.printf("  %-12s %8s %8s %10s %10s%n", "granularity", "p50 ms", "p99 ms", "engine ms", "jvm ms");
        for (int granularity : new int[] {8192, 1024, 256}) {
            String table = "lookup_g" + granularity;
            ch.client().execute("CREATE TABLE " + table + " (key String, kind LowCardinality(String), height UInt64,"
                    + " tipset_key String, message_cid String, indexed_at DateTime64(6, 'UTC'))"
                    + " ENGINE = ReplacingMergeTree(indexed_at) ORDER BY (key, height, tipset_key, indexed_at)"
                    + " SETTINGS index_granularity = " + granularity).get().close();
            ch.client().execute("INSERT INTO " + table + " SELECT concat('bafy2bzace', lower(hex(SHA256(toString(number)))))"
                    + " AS key, 'message', intDiv(number, 100), concat('bafy2bzacetipset', toString(intDiv(number, 100))),"
                    + " key, toDateTime64('2026-12-02 00:00:00', 6, 'UTC') FROM numbers(" + lookupRows + ")").get().close();
            ch.client().execute("OPTIMIZE TABLE " + table + " FINAL").get().close();
            List<Statement> statements = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                long n = (i * 2_654_435_761L) % lookupRows;
                String key = rows.query("SELECT concat('bafy2bzace', lower(hex(SHA256(toString({n:UInt64}))))) AS k",
                        Map.of("n", n)).get(0).get("k").asText();
                statements.add(new Statement("SELECT height, tipset_key, message_cid, indexed_at FROM " + table
                        + " FINAL WHERE key = {k:String} AND kind IN ('message', 'eth_tx')", Map.of("k", key)));
            }
            assertThat(rows.query(statements.get(0).sql(), statements.get(0).params())).hasSize(1);
            double[] cost = measure(rows, statements, engine.pid());
            System.out.printf("  %-12d %8.2f %8.2f %10.2f %10.2f%n", granularity, cost[0], cost[1], cost[2], cost[3]);
        }
    }

    /** The API's query classes over one SqlRows, made anew for each key so no actor cache hides a statement. */
    private record Api(ActorDirectory actors, ChainQueries chain, MessageQueries messages, MessageLists lists) {
        static Api over(SqlRows rows) {
            ActorDirectory actors = new ActorDirectory(rows, Network.MAINNET);
            MessageQueries messages = new MessageQueries(rows, actors);
            return new Api(actors, new ChainQueries(rows, actors), messages, new MessageLists(rows, actors, messages));
        }
    }

    private interface Request {
        void run(Api api, String key);
    }

    private static List<List<Statement>> record(Recorder recorder, List<String> keys, Request request) {
        List<List<Statement>> perKey = new ArrayList<>();
        for (String key : keys) {
            perKey.add(recorder.statementsOf(() -> request.run(Api.over(recorder), key)));
        }
        return perKey;
    }

    /** wall p50, wall p99, engine CPU per query, this JVM's CPU per query (ms). */
    private static double[] measure(SqlRows rows, List<Statement> statements, long enginePid) throws IOException {
        for (int i = 0; i < WARMUP; i++) {
            Statement s = statements.get(i % statements.size());
            rows.query(s.sql(), s.params());
        }
        long[] wall = new long[QUERIES];
        long engineBefore = cpuTicks(enginePid);
        long jvmBefore = jvmCpuNanos();
        for (int i = 0; i < QUERIES; i++) {
            Statement s = statements.get(i % statements.size());
            long began = System.nanoTime();
            rows.query(s.sql(), s.params());
            wall[i] = System.nanoTime() - began;
        }
        double engineMs = (cpuTicks(enginePid) - engineBefore) * 1000.0 / CLOCK_TICKS_PER_SECOND / QUERIES;
        double jvmMs = (jvmCpuNanos() - jvmBefore) / 1e6 / QUERIES;
        Arrays.sort(wall);
        return new double[] {wall[QUERIES / 2] / 1e6, wall[(int) Math.ceil(QUERIES * 0.99) - 1] / 1e6, engineMs, jvmMs};
    }

    private static List<Variant> variants(ChdbProcess engine) {
        Map<String, Variant> all = new LinkedHashMap<>();
        all.put("baseline", new Variant("baseline (ClickHouseAccess.apiClient, ClickHouseRows)",
                ch -> new ClickHouseRows(ch::apiClient, 10_000)));
        addVariant(all, engine, "nocompress", "compression of answers off", b -> b.compressServerResponse(false), Map.of());
        addVariant(all, engine, "threads1", "compression off, max_threads=1", b -> b.compressServerResponse(false),
                Map.of("max_threads", "1"));
        addVariant(all, engine, "nolog", "compression off, max_threads=1, log_queries=0",
                b -> b.compressServerResponse(false), Map.of("max_threads", "1", "log_queries", "0"));
        addVariant(all, engine, "block", "compression off, max_threads=1, max_block_size=8192",
                b -> b.compressServerResponse(false), Map.of("max_threads", "1", "max_block_size", "8192"));
        addVariant(all, engine, "uncompressed-cache", "compression off, max_threads=1, use_uncompressed_cache=1",
                b -> b.compressServerResponse(false), Map.of("max_threads", "1", "use_uncompressed_cache", "1"));
        addVariant(all, engine, "final-partitions", "compression off, max_threads=1, do_not_merge_across_partitions_select_final=1",
                b -> b.compressServerResponse(false), Map.of("max_threads", "1", "do_not_merge_across_partitions_select_final", "1"));
        addVariant(all, engine, "noprewhere", "compression off, max_threads=1, optimize_move_to_prewhere=0",
                b -> b.compressServerResponse(false), Map.of("max_threads", "1", "optimize_move_to_prewhere", "0"));
        String wanted = System.getProperty("bench.variants", String.join(",", all.keySet()));
        List<Variant> chosen = new ArrayList<>();
        for (String name : wanted.split(",")) {
            chosen.add(all.get(name.trim()));
        }
        return chosen;
    }

    private static void addVariant(Map<String, Variant> all, ChdbProcess engine, String key, String description,
            Consumer<Client.Builder> configure, Map<String, String> settings) {
        all.put(key, new Variant(key + " (" + description + ")", ch -> {
            Client.Builder builder = new Client.Builder()
                    .addEndpoint(ch.url())
                    .setUsername(engine.user())
                    .setPassword(engine.password())
                    .setDefaultDatabase(ch.database())
                    .httpHeader(ClickHouseAccess.POOL_HEADER, ClickHouseAccess.API_POOL)
                    .serverSetting("max_execution_time", "10");
            ClickHouseAccess.PINNED_SETTINGS.forEach(builder::serverSetting);
            settings.forEach(builder::serverSetting);
            configure.accept(builder);
            Client client = builder.build();
            return new ClickHouseRows(() -> client, 10_000);
        }));
    }

    private static void settingsOf(SqlRows rows) {
        for (ObjectNode row : rows.query("SELECT name, value, changed FROM system.settings WHERE name IN ('max_threads',"
                + " 'max_block_size', 'use_uncompressed_cache', 'log_queries', 'optimize_move_to_prewhere',"
                + " 'do_not_merge_across_partitions_select_final', 'use_query_cache', 'log_processors_profiles')", Map.of())) {
            System.out.printf("  engine setting %s = %s%s%n", row.get("name").asText(), row.get("value").asText(),
                    "1".equals(row.get("changed").asText()) ? " (changed)" : "");
        }
    }

    private static List<String> column(SqlRows rows, String sql, String column) {
        return rows.query(sql, Map.of()).stream().map(r -> r.get(column).asText()).toList();
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the name: state is index 0, utime index 11, stime index 12
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String shorten(String sql) {
        String flat = sql.replaceAll("\\s+", " ");
        return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", " + Instant.now() + ", load " + loadAverage();
    }
}
