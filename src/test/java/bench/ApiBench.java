package bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import storage.ClickHouseAccess;

/**
 * The explorer API under load, as a person runs it: filflow a process of its own
 * ({@code java -Xmx512m filflow.FilflowMain}) with its engines in another process (so this
 * benchmark can reach ClickHouse to build data and pick keys), data indexed by filflow itself
 * from the Lotus replay node, then open-loop load at fixed rates (point lookups 500 req/s, lists
 * 200 req/s) and closed-loop load on final data served from memory. Two data sets:
 * {@code --data fixtures} (the four recorded mainnet heights) and {@code --data synthetic
 * --messages N} (heights of the synthetic chain indexed by the pipeline, then grown inside
 * ClickHouse by {@link SyntheticIndex} to N messages). Run by {@code bin/bench-api}.
 */
public final class ApiBench {
    private static final String TOKEN = "bench-admin-token";
    private static final List<Long> RECORDED = List.of(2907480L, 3140097L, 3573062L, 3573063L, 3573064L);
    private static final long SYNTHETIC_FROM = 5_000_000;

    private final Map<String, String> opts;

    private ApiBench(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(args[i].substring(2), flag ? "true" : args[++i]);
        }
        System.exit(new ApiBench(opts).run());
    }

    private int run() throws Exception {
        if ("10m".equals(opts.get("dataset"))) {
            opts.putIfAbsent("data", "synthetic");
            opts.putIfAbsent("messages", "10000000");
        }
        String data = opts.getOrDefault("data", "fixtures");
        boolean synthetic = data.equals("synthetic");
        boolean profile = opts.containsKey("profile");
        long messagesWanted = Long.parseLong(opts.getOrDefault("messages", "10000000"));
        int span = Integer.parseInt(opts.getOrDefault("span", "200"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int pointRate = Integer.parseInt(opts.getOrDefault("point-rate", "500"));
        int listRate = Integer.parseInt(opts.getOrDefault("list-rate", "200"));
        String heap = opts.getOrDefault("heap", "512m");
        String cacheMb = opts.getOrDefault("cache-mb", "64");
        Path work = Path.of(opts.getOrDefault("work", "target/bench/api-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        String loadBefore = Processes.loadAverage();
        try (Processes procs = new Processes(work)) {
            Path settingsFile = work.resolve("engines.env");
            Process engines = procs.java("engines", List.of("-Xmx512m"), "bench.EnginesHost",
                    List.of(work.resolve("engines").toString(), settingsFile.toString()), Map.of());
            int replayPort = Processes.freePort();
            List<String> replayArgs = new ArrayList<>(List.of("--fixtures", "fixtures/lotus/mainnet",
                    "--port", Integer.toString(replayPort)));
            if (synthetic) {
                replayArgs.addAll(List.of("--synthetic", Long.toString(SYNTHETIC_FROM), "--length", Integer.toString(span + 10)));
            }
            procs.java("replay-node", List.of("-Xmx1g", "-Dsun.net.httpserver.nodelay=true"), "replay.LotusReplayMain",
                    replayArgs, Map.of());
            long end = System.nanoTime() + Duration.ofMinutes(Long.parseLong(opts.getOrDefault("start-minutes", "12"))).toNanos();
            while (!Files.exists(settingsFile)) {
                if (!engines.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("the engines did not start (engines.log)");
                }
                Thread.sleep(250);
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (String line : Files.readAllLines(settingsFile)) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
            ClickHouseAccess clickHouse = ClickHouseAccess.open(env.get("CLICKHOUSE_URL"), env.get("CLICKHOUSE_USER"),
                    env.get("CLICKHOUSE_PASSWORD"), "default");
            env.remove("CHDB_PID");
            int http = Processes.freePort();
            int management = Processes.freePort();
            env.put("DATA_DIR", work.resolve("filflow").toString());
            env.put("HTTP_PORT", Integer.toString(http));
            env.put("MANAGEMENT_PORT", Integer.toString(management));
            env.put("LOTUS_URL", "http://127.0.0.1:" + replayPort + "/rpc/v1");
            env.put("ADMIN_TOKEN", TOKEN);
            env.put("FILFLOW_JOBS_FOLLOW_ENABLED", "false");
            env.put("API_CACHE_MAX_MB", cacheMb);
            Files.createDirectories(work.resolve("filflow"));
            List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
            if (profile) {
                jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + work.resolve("filflow-exit.jfr"));
            }
            Process filflow = procs.java("filflow", jvm, "filflow.FilflowMain", List.of(), env);
            Processes.awaitOk("http://127.0.0.1:" + management + "/observe/health", filflow,
                    Duration.ofMinutes(Long.parseLong(opts.getOrDefault("start-minutes", "12"))));
            String base = "http://127.0.0.1:" + http;

            // data: indexed by filflow itself, then (synthetic) grown inside ClickHouse
            long built = System.nanoTime();
            Client ch = clickHouse.client();
            if (synthetic) {
                post(base, "{\"from\":" + SYNTHETIC_FROM + ",\"to\":" + (SYNTHETIC_FROM + span - 1) + "}");
                awaitTipsets(ch, SYNTHETIC_FROM, SYNTHETIC_FROM + span - 1, span, filflow);
                long perSpan = count(ch, "SELECT count() AS n FROM messages FINAL");
                int copies = (int) Math.max(0, (messagesWanted + perSpan - 1) / perSpan - 1);
                System.out.printf("indexed %d heights (%d messages) through filflow in %.0f s; growing to %d copies%n",
                        span, perSpan, (System.nanoTime() - built) / 1e9, copies + 1);
                SyntheticIndex.grow(ch, SYNTHETIC_FROM, span, copies, Integer.parseInt(opts.getOrDefault("chunk", "20")),
                        !opts.containsKey("messages-only"));
            } else {
                post(base, "{\"heights\":" + RECORDED + "}");
                awaitTipsets(ch, RECORDED.get(0), RECORDED.get(RECORDED.size() - 1), RECORDED.size(), filflow);
                // the listener writes the contract row of 3573064 a moment later
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (count(ch, "SELECT count() AS n FROM contracts") == 0 && System.nanoTime() < until) {
                    Thread.sleep(500);
                }
            }
            long messages = count(ch, "SELECT count() AS n FROM messages");
            long subcalls = count(ch, "SELECT count() AS n FROM subcalls");
            long heights = count(ch, "SELECT count() AS n FROM tipsets");
            double buildSeconds = (System.nanoTime() - built) / 1e9;

            // keys: distinct enough that a point lookup scenario never asks the same thing twice
            int distinct = Math.max(pointRate * (seconds + 5), 1000);
            Keys keys = new Keys(ch, distinct, synthetic);

            System.out.printf("%n=== bench-api: %s data, %,d messages, %,d sub-calls, %,d heights (built in %.0f s) ===%n",
                    data, messages, subcalls, heights, buildSeconds);
            System.out.printf("disk: %s under %s; %s%n", du(work), work, df(work));
            System.out.printf("machine: %s%n", Processes.machine());
            System.out.printf("run: 'java -Xmx%s filflow.FilflowMain', engines (chDB, Kafka, PostgreSQL) in a separate process;"
                    + " API_CACHE_MAX_MB=%s; open loop %d s per scenario after %d s warm-up; load before %s%n",
                    heap, cacheMb, seconds, 5, loadBefore);
            System.out.println(Cpu.idle(filflow, engines, 10));
            java.time.Instant measured = java.time.Instant.now();
            List<String[]> scenarios = new ArrayList<>();
            scenarios.add(new String[] {"point", "message by CID", "/api/v1/messages/", "messages"});
            scenarios.add(new String[] {"point", "tipset by height", "/api/v1/tipsets/", "heights"});
            scenarios.add(new String[] {"point", "block by CID", "/api/v1/blocks/", "blocks"});
            scenarios.add(new String[] {"point", "address", "/api/v1/addresses/", "addresses"});
            scenarios.add(new String[] {"point", "contract", "/api/v1/contracts/", "contracts"});
            scenarios.add(new String[] {"point", "search (mixed)", "/api/v1/search?q=", "searches"});
            scenarios.add(new String[] {"list", "messages by address", "/api/v1/messages?limit=25&address=", "addresses"});
            scenarios.add(new String[] {"list", "messages by height", "/api/v1/messages?limit=25&height=", "heights"});
            scenarios.add(new String[] {"list", "messages by method", "/api/v1/messages?limit=25&method=", "methods"});
            // first the service time alone, one request at a time, before any open loop can leave a backlog
            for (String[] s : scenarios) {
                List<String> paths = keys.paths(s[2], s[3]);
                if (!paths.isEmpty()) {
                    Cpu cpu = new Cpu(filflow, engines);
                    Load.Result one = Load.closedLoop(base, paths, 1, Math.min(seconds, 10));
                    System.out.printf("%-22s one client, closed loop: %s  %s  (load %s)%n", s[1], one.line(),
                            cpu.perRequest(one), Processes.loadAverage());
                }
            }
            for (String[] s : scenarios) {
                List<String> paths = keys.paths(s[2], s[3]);
                if (paths.isEmpty()) {
                    System.out.printf("%-22s no keys in this data set%n", s[1]);
                    continue;
                }
                int rate = s[0].equals("point") ? pointRate : listRate;
                Load.openLoop(base, paths, rate, 5, 256);
                Cpu cpu = new Cpu(filflow, engines);
                Load.Result r = Load.openLoop(base, rotate(paths, rate * 5), rate, seconds, 256);
                System.out.printf("%-22s offered %4d/s: %s  %s  (load %s, %d distinct keys)%n", s[1], rate, r.line(),
                        cpu.perRequest(r), Processes.loadAverage(), Math.min(paths.size(), rate * seconds));
            }
            // final data from memory: the same few answers over and over, as many as 16 clients get
            List<String> cached = keys.finalMessages(200);
            if (!cached.isEmpty()) {
                Load.closedLoop(base, cached, 16, 5);
                Cpu cpu = new Cpu(filflow, engines);
                Load.Result r = Load.closedLoop(base, cached, 16, seconds);
                System.out.printf("%-22s 16 clients closed loop: %s  %s  (load %s)%n", "final data, cached", r.line(),
                        cpu.perRequest(r), Processes.loadAverage());
            }
            System.out.printf("filflow JVM resident %d MiB after the run; load after %s; logs %s%n",
                    Processes.resident(filflow.pid()) >> 20, Processes.loadAverage(), work);
            if (profile) {
                Path jfr = work.resolve("filflow.jfr");
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(filflow.pid()), "JFR.dump", "filename=" + jfr).inheritIO().start().waitFor();
                JfrSummary summary = JfrSummary.read(jfr, measured, java.time.Instant.now());
                System.out.printf("%nprofile of the filflow JVM during the scenarios (JFR, %s):%n", jfr);
                summary.print(System.out, 25);
                summary.writeCollapsed(work.resolve("filflow.collapsed"));
            }
            System.out.printf("disk: %s under %s; %s%n", du(work), work, df(work));
        } finally {
            if (!opts.containsKey("keep-data")) {
                deleteTree(work.resolve("engines"));
                deleteTree(work.resolve("filflow"));
            }
        }
        return 0;
    }

    /** The data a run built is large (the 10M set: gigabytes): removed after the run unless --keep-data. */
    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String df(Path dir) throws Exception {
        Process p = new ProcessBuilder("df", "-h", "--output=avail", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim().replaceAll("\\s+", " ");
        p.waitFor();
        return "free on its file system: " + out.replace("Avail ", "");
    }

    private static String du(Path dir) throws Exception {
        Process p = new ProcessBuilder("du", "-sh", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out.split("\\s+")[0];
    }

    /**
     * CPU time the filflow JVM and the engines' process tree (chDB, PostgreSQL, Kafka) spend from
     * now on, per request answered, less what they spend idle in the same time (Kafka's polls,
     * timers: {@link #idle} measures it with no requests): steadier than latencies on a shared machine.
     */
    private static final class Cpu {
        private static double filflowIdlePerSecond;
        private static double enginesIdlePerSecond;
        private final Process filflow;
        private final Process engines;
        private final double filflow0;
        private final double engines0;
        private final long start = System.nanoTime();

        Cpu(Process filflow, Process engines) {
            this.filflow = filflow;
            this.engines = engines;
            this.filflow0 = Processes.cpuSeconds(filflow.pid());
            this.engines0 = Processes.cpuSecondsTree(engines.toHandle());
        }

        /** Measures the CPU both spend with no requests for {@code seconds}; later figures subtract it. */
        static String idle(Process filflow, Process engines, int seconds) throws InterruptedException {
            Cpu cpu = new Cpu(filflow, engines);
            Thread.sleep(seconds * 1000L);
            double elapsed = (System.nanoTime() - cpu.start) / 1e9;
            filflowIdlePerSecond = (Processes.cpuSeconds(filflow.pid()) - cpu.filflow0) / elapsed;
            enginesIdlePerSecond = (Processes.cpuSecondsTree(engines.toHandle()) - cpu.engines0) / elapsed;
            return String.format("idle CPU (no requests, %d s): filflow %.0f ms/s, engines %.0f ms/s, subtracted below",
                    seconds, filflowIdlePerSecond * 1000, enginesIdlePerSecond * 1000);
        }

        String perRequest(Load.Result r) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            int answered = r.sent() - r.dropped() - r.failed();
            double f = (Processes.cpuSeconds(filflow.pid()) - filflow0 - filflowIdlePerSecond * elapsed) * 1000
                    / Math.max(1, answered);
            double e = (Processes.cpuSecondsTree(engines.toHandle()) - engines0 - enginesIdlePerSecond * elapsed) * 1000
                    / Math.max(1, answered);
            return String.format("CPU a request: filflow %.2f ms + engines %.2f ms", f, e);
        }
    }

    /** The paths from the {@code skip}-th on, so the measured run does not repeat the warm-up's keys. */
    private static List<String> rotate(List<String> paths, int skip) {
        if (paths.size() <= skip) {
            return paths;
        }
        List<String> out = new ArrayList<>(paths.subList(skip, paths.size()));
        out.addAll(paths.subList(0, skip));
        return out;
    }

    /** Request keys read from the index itself, spread over all of it (ordered by a hash, not by height). */
    private static final class Keys {
        private final Map<String, List<String>> byKind = new LinkedHashMap<>();
        private final Client ch;

        Keys(Client ch, int n, boolean synthetic) {
            this.ch = ch;
            put("messages", "SELECT cid AS v FROM messages ORDER BY cityHash64(cid) LIMIT " + n);
            put("heights", "SELECT toString(height) AS v FROM tipsets ORDER BY cityHash64(height) LIMIT " + n);
            put("blocks", "SELECT cid AS v FROM blocks ORDER BY cityHash64(cid) LIMIT " + n);
            put("addresses", "SELECT from_address AS v FROM messages GROUP BY from_address ORDER BY cityHash64(v) LIMIT " + n);
            put("contracts", "SELECT concat('f0', toString(actor_id)) AS v FROM contracts FINAL LIMIT " + n);
            put("methods", "SELECT toString(method) AS v FROM messages GROUP BY method ORDER BY count() DESC LIMIT 20");
            List<String> searches = new ArrayList<>();
            List<String> m = byKind.get("messages");
            List<String> h = byKind.get("heights");
            List<String> b = byKind.get("blocks");
            List<String> a = byKind.get("addresses");
            for (int i = 0; i < n; i++) {
                List<String> from = List.of(m, h, b, a).get(i % 4);
                if (!from.isEmpty()) {
                    searches.add(from.get((i / 4) % from.size()));
                }
            }
            byKind.put("searches", searches);
        }

        private void put(String kind, String sql) {
            List<String> values = new ArrayList<>();
            for (GenericRecord r : ch.queryAll(sql)) {
                values.add(r.getString("v"));
            }
            byKind.put(kind, values);
        }

        List<String> paths(String prefix, String kind) {
            return byKind.getOrDefault(kind, List.of()).stream().map(v -> prefix + v).toList();
        }

        /** Messages at least 900 epochs below the highest height: answered from memory after the first time. */
        List<String> finalMessages(int n) {
            List<String> out = new ArrayList<>();
            for (GenericRecord r : ch.queryAll("SELECT cid AS v FROM messages WHERE height + 900 <= (SELECT max(height) FROM tipsets)"
                    + " ORDER BY cityHash64(cid) LIMIT " + n)) {
                out.add("/api/v1/messages/" + r.getString("v"));
            }
            return out;
        }
    }

    private static void post(String base, String body) throws Exception {
        HttpResponse<String> r = Processes.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/index"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("admin/index answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static void awaitTipsets(Client ch, long from, long to, long want, Process filflow) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (count(ch, "SELECT count() AS n FROM tipsets FINAL WHERE height BETWEEN " + from + " AND " + to) < want) {
            if (!filflow.isAlive() || System.nanoTime() > end) {
                throw new IllegalStateException("filflow did not index " + from + ".." + to + " (filflow.log)");
            }
            Thread.sleep(1000);
        }
    }

    private static long count(Client ch, String sql) {
        return ch.queryAll(sql).get(0).getLong("n");
    }
}
