package bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lotus.LotusClient;
import lotus.LotusClientConfig;

/**
 * Backfill through the whole application as a person runs it: the Lotus replay node serving a
 * synthetic mainnet-like chain as a process of its own, filflow as a process of its own
 * ({@code java -Xmx… filflow.FilflowMain}, what {@code mvn camel:run} starts) on its embedded
 * engines, heights queued with {@code POST /api/v1/admin/index} and counted through the API.
 * In the same run, against the same node: the parse limit (fetch and parse the same traces in
 * this process, keeping nothing). Prints the numbers, the machine and its load; run by
 * {@code bin/bench-backfill} (options there).
 */
public final class BackfillBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bench-admin-token";

    private final Map<String, String> opts;
    private final long from;
    private final int warmup;
    private final int heights;
    private final int instances;
    private final String heap;
    private final boolean profile;

    private BackfillBench(Map<String, String> opts) {
        this.opts = opts;
        this.from = Long.parseLong(opts.getOrDefault("from", "5000000"));
        this.warmup = Integer.parseInt(opts.getOrDefault("warmup", "20"));
        this.heights = Integer.parseInt(opts.getOrDefault("heights", "200"));
        this.instances = Integer.parseInt(opts.getOrDefault("instances", "1"));
        this.heap = opts.getOrDefault("heap", "512m");
        this.profile = opts.containsKey("profile");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(a.substring(2), flag ? "true" : args[++i]);
        }
        int code = new BackfillBench(opts).run();
        System.exit(code);
    }

    private int run() throws Exception {
        Path fixtures = Path.of(opts.getOrDefault("fixtures", defaultFixtures()));
        Path work = Path.of(opts.getOrDefault("work", "target/bench/backfill-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(opts.getOrDefault("timeout", "1500"))).toNanos();
        String loadBefore = Processes.loadAverage();
        try (Processes procs = new Processes(work.toAbsolutePath())) {
            // 1. the Lotus node: the replay node on the synthetic chain, its own process
            int replayPort = Processes.freePort();
            Process replay = procs.java("replay-node", List.of("-Xmx1g", "-Dsun.net.httpserver.nodelay=true"),
                    "replay.LotusReplayMain", List.of("--fixtures", fixtures.toString(), "--port", Integer.toString(replayPort),
                            "--synthetic", Long.toString(from), "--length", Integer.toString(warmup + heights + 10)),
                    Map.of());
            String lotusUrl = "http://127.0.0.1:" + replayPort + "/rpc/v1";
            LotusClient lotus = new LotusClient(LotusClientConfig.of(lotusUrl), new SimpleMeterRegistry());
            awaitNode(lotus, replay);

            // 2. the parse limit, same node, same heights, before filflow runs
            long first = from + warmup;
            long last = first + heights - 1;
            int parseThreads = Integer.parseInt(opts.getOrDefault("parse-threads", "4"));
            ParseLimit.measure(lotus, from, from + Math.min(warmup, 8) - 1, parseThreads);
            double parseCpu0 = Processes.cpuSeconds(ProcessHandle.current().pid()) + Processes.cpuSecondsTree(replay.toHandle());
            ParseLimit parse = ParseLimit.measure(lotus, first, last, parseThreads);
            double parseCpu = Processes.cpuSeconds(ProcessHandle.current().pid()) + Processes.cpuSecondsTree(replay.toHandle())
                    - parseCpu0;
            System.out.printf("parse limit measured: %.1f tipsets/s%n", heights / parse.seconds());

            // 3. filflow, as many instances as asked; engines embedded (one instance) or shared (several)
            Map<String, String> engines = new LinkedHashMap<>();
            Process enginesHost = null;
            if (instances > 1 || opts.containsKey("shared-engines")) {
                Path settings = work.toAbsolutePath().resolve("engines.env");
                enginesHost = procs.java("engines", List.of("-Xmx512m"), "bench.EnginesHost",
                        List.of(work.toAbsolutePath().resolve("engines").toString(), settings.toString()), Map.of());
                awaitFile(settings, enginesHost, Duration.ofMinutes(3));
                for (String line : Files.readAllLines(settings)) {
                    engines.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            List<Instance> apps = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                apps.add(startFilflow(procs, work.toAbsolutePath().resolve("filflow-" + i), i, lotusUrl, engines));
            }
            Instance api = apps.get(0);

            // 4. warm-up heights (JIT, caches, topic creation), then the measured range
            if (warmup > 0) {
                queue(api, from, first - 1);
                awaitIndexed(apps, from, first - 1, deadline);
            }
            Sampler sampler = new Sampler(apps, engines.containsKey("CHDB_PID") ? Long.parseLong(engines.get("CHDB_PID")) : -1);
            Map<String, Double> cpuBefore = cpuByProcess(apps, replay, enginesHost);
            List<ThreadCpu> threadsBefore = apps.stream().map(a -> ThreadCpu.snapshot(a.process.pid())).toList();
            Instant t0 = Instant.now();
            long started = System.nanoTime();
            queue(api, first, last);
            long done = awaitIndexed(apps, first, last, deadline);
            double seconds = (System.nanoTime() - started) / 1e9;
            Instant t1 = Instant.now();
            Map<String, Double> cpuAfter = cpuByProcess(apps, replay, enginesHost);
            List<ThreadCpu> threadsAfter = apps.stream().map(a -> ThreadCpu.snapshot(a.process.pid())).toList();
            sampler.stop();
            String loadAfter = Processes.loadAverage();

            // 5. the numbers
            double rate = done / seconds;
            double parseRate = heights / parse.seconds();
            System.out.printf("%n=== bench-backfill: %d synthetic mainnet-like tipsets (%d..%d), %d warm-up ===%n",
                    heights, first, last, warmup);
            System.out.printf("machine: %s%n", Processes.machine());
            System.out.printf("load average (1/5/15 min): before %s, after %s, during (1 min) max %.1f%n", loadBefore,
                    loadAfter, sampler.maxLoad);
            System.out.printf("run: %d filflow instance(s) as separate processes, 'java -Xmx%s %s filflow.FilflowMain',"
                            + " %s; replay node a separate process; settings %s%n", instances, heap,
                    String.join(" ", extraJvmOptions()), engines.isEmpty() ? "embedded engines (chDB child, Kafka in-JVM,"
                            + " PostgreSQL child)" : "engines shared from one engines process", settings());
            System.out.printf("measured window: %s .. %s%n", t0, t1);
            System.out.printf("backfill: %d of %d heights in %.1f s = %.1f tipsets/s (%.0f trace MB/s)%n", done, heights,
                    seconds, rate, parse.bytes() / 1e6 * done / heights / seconds);
            System.out.printf("parse limit (fetch + parse, %d threads, this process, same node): %.1f tipsets/s, %.0f MB/s,"
                    + " %d messages%n", parseThreads, parseRate, parse.bytes() / 1e6 / parse.seconds(), parse.messages());
            System.out.printf("backfill / parse limit: %.0f %%%n", 100 * rate / parseRate);
            for (int i = 0; i < apps.size(); i++) {
                System.out.printf("filflow-%d: peak JVM resident %d MiB, peak heap used %d MiB (max %s)%n", i,
                        sampler.peakRss[i] >> 20, sampler.peakHeap[i] >> 20, heap);
            }
            if (sampler.chdbPid > 0) {
                System.out.printf("shared chDB child: peak resident %d MiB%n", sampler.peakChdb >> 20);
            }
            System.out.println("CPU seconds during the measured backfill, by process (with its child processes):");
            double cpuTotal = 0;
            for (Map.Entry<String, Double> e : cpuAfter.entrySet()) {
                double used = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0.0);
                cpuTotal += used;
                System.out.printf("  %-22s %7.1f s  %s%n", e.getKey(), used,
                        done == 0 ? "(no tipset done)" : String.format("%6.1f ms a tipset", 1000 * used / done));
            }
            // CPU time a unit of work costs varies far less with the machine's load than wall-clock rates do
            int cores = Runtime.getRuntime().availableProcessors();
            double cpuBound = cores * done / Math.max(cpuTotal, 1e-9);
            double parseBound = cores * heights / Math.max(parseCpu, 1e-9);
            if (done > 0) {
                System.out.printf("CPU a tipset: backfill %.0f ms (all processes), parse %.0f ms (this process + replay node);"
                        + " on %d idle cores that bounds backfill at %.1f tipsets/s and the parse limit at %.1f tipsets/s (%.0f %%)%n",
                        1000 * cpuTotal / done, 1000 * parseCpu / heights, cores, cpuBound, parseBound, 100 * cpuBound / parseBound);
            }
            for (int i = 0; i < apps.size(); i++) {
                System.out.printf("CPU of filflow-%d's JVM during the measured backfill by thread (jcmd Thread.print):%n", i);
                ThreadCpu.print(System.out, threadsAfter.get(i).since(threadsBefore.get(i)), done, "tipset", 20);
            }
            HttpResponse<String> status = Processes.get(api.api + "/status", Duration.ofSeconds(10));
            System.out.println("status: " + (status == null ? "no answer within 10 s" : status.statusCode() + " " + status.body()));
            Map<String, String[]> witnesses = new LinkedHashMap<>();
            for (int i = 0; i < apps.size(); i++) {
                witnesses.put("filflow-" + i, new String[] {apps.get(i).management + "/metrics",
                        procs.logs().resolve("filflow-" + i + ".log").toString()});
            }
            boolean once = WorkShare.report(System.out, witnesses, api.api, from, last, engines);
            if (profile) {
                for (int i = 0; i < apps.size(); i++) {
                    Path jfr = work.toAbsolutePath().resolve("filflow-" + i + ".jfr");
                    new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                            Long.toString(apps.get(i).process.pid()), "JFR.dump", "filename=" + jfr).inheritIO().start().waitFor();
                    JfrSummary s = JfrSummary.read(jfr, t0, t1);
                    System.out.printf("%nprofile of filflow-%d during the measured backfill (JFR, %s):%n", i, jfr);
                    s.print(System.out, 25);
                    s.writeCollapsed(work.toAbsolutePath().resolve("filflow-" + i + ".collapsed"));
                }
            }
            System.out.println("logs: " + work.toAbsolutePath());
            return done == heights && once ? 0 : 1;
        }
    }

    private record Instance(Process process, String api, String management) {
    }

    private Instance startFilflow(Processes procs, Path dataDir, int index, String lotusUrl, Map<String, String> engines)
            throws Exception {
        int http = Processes.freePort();
        int management = Processes.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        env.put("HTTP_PORT", Integer.toString(http));
        env.put("MANAGEMENT_PORT", Integer.toString(management));
        env.put("LOTUS_URL", lotusUrl);
        env.put("ADMIN_TOKEN", TOKEN);
        // a backfill: follow would index the synthetic chain's head as well, which is not measured
        env.put("FILFLOW_JOBS_FOLLOW_ENABLED", "false");
        engines.forEach((k, v) -> {
            if (!k.equals("CHDB_PID")) {
                env.put(k, v);
            }
        });
        env.putAll(settings());
        List<String> jvm = new ArrayList<>();
        jvm.add("-Xmx" + heap);
        jvm.add("-Dlog4j2.configurationFile=" + logConfig(dataDir.getParent()));
        jvm.addAll(extraJvmOptions());
        if (profile) {
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + dataDir.resolveSibling("filflow-" + index + "-exit.jfr"));
        }
        Files.createDirectories(dataDir);
        Process p = procs.java("filflow-" + index, jvm, "filflow.FilflowMain", List.of(), env);
        String api = "http://127.0.0.1:" + http + "/api/v1";
        String mgmt = "http://127.0.0.1:" + management + "/observe";
        Processes.awaitOk(mgmt + "/health", p, Duration.ofMinutes(10));
        return new Instance(p, api, mgmt);
    }

    /**
     * filflow's own logging configuration with the Kafka consumers' partition assignments logged
     * (INFO of {@code org.apache.kafka.clients.consumer.internals}; filflow keeps Kafka at WARN):
     * the log then shows which consumer of which instance was given which partitions of the queue.
     */
    private static Path logConfig(Path dir) throws IOException {
        Path file = dir.resolve("filflow-log4j2.xml");
        if (!Files.exists(file)) {
            String own;
            try (var in = BackfillBench.class.getResourceAsStream("/log4j2.xml")) {
                own = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            Files.writeString(file, own.replace("<Loggers>", "<Loggers>\n    <Logger name=\"org.apache.kafka.clients.consumer.internals\""
                    + " level=\"INFO\"/>"));
        }
        return file;
    }

    private List<String> extraJvmOptions() {
        String extra = opts.getOrDefault("jvm", "");
        return extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
    }

    /** {@code --settings NAME=value,NAME=value}: filflow environment variables, e.g. FILFLOW_HEIGHTS_CONSUMERS=2. */
    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        if (opts.containsKey("consumers")) {
            s.put("FILFLOW_HEIGHTS_CONSUMERS", opts.get("consumers"));
        }
        for (String kv : opts.getOrDefault("settings", "").split(",")) {
            if (kv.contains("=")) {
                s.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
            }
        }
        return s;
    }

    /**
     * Queues the heights; a 503 (the API shed the request before running it, as it does on a
     * loaded machine) is asked again after its {@code Retry-After}, for up to 5 minutes.
     */
    private static void queue(Instance api, long from, long to) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            HttpResponse<String> r = Processes.HTTP.send(HttpRequest.newBuilder(URI.create(api.api + "/admin/index"))
                            .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"from\":" + from + ",\"to\":" + to + "}"))
                            .timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 202) {
                return;
            }
            if (r.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new IllegalStateException("admin/index answered " + r.statusCode() + ": " + r.body());
            }
            long wait = r.headers().firstValueAsLong("Retry-After").orElse(1);
            System.out.printf("admin/index answered 503 (shed under load), asking again in %d s%n", wait);
            Thread.sleep(Math.max(1, wait) * 1000);
        }
    }

    /**
     * Waits until the API (the first instance's) serves every tipset of {@code from..to}, or the
     * time is up; answers how many it serves then.
     */
    private static long awaitIndexed(List<Instance> apps, long from, long to, long deadline) throws Exception {
        Instance api = apps.get(0);
        long want = to - from + 1;
        long have = 0;
        while (System.nanoTime() < deadline) {
            have = countIndexed(api, from, to);
            if (have >= want) {
                return have;
            }
            for (int i = 0; i < apps.size(); i++) {
                if (!apps.get(i).process.isAlive()) {
                    throw new IllegalStateException("filflow-" + i + " exited with " + apps.get(i).process.exitValue());
                }
            }
            Thread.sleep(1000); // one list query a second: little load on the application measured
        }
        System.out.printf("time is up (--timeout): %d of %d heights (%d..%d) indexed%n", have, want, from, to);
        return have;
    }

    private static long countIndexed(Instance api, long from, long to) throws IOException {
        long n = 0;
        String cursor = null;
        do {
            HttpResponse<String> r = Processes.get(api.api + "/tipsets?from=" + from + "&to=" + to + "&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor), Duration.ofSeconds(30));
            if (r == null || r.statusCode() != 200) {
                return n;
            }
            JsonNode page = JSON.readTree(r.body());
            n += page.path("items").size();
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return n;
    }

    private static Map<String, Double> cpuByProcess(List<Instance> apps, Process replay, Process engines) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (int i = 0; i < apps.size(); i++) {
            ProcessHandle h = apps.get(i).process.toHandle();
            cpu.put("filflow-" + i + " JVM", Processes.cpuSeconds(h.pid()));
            cpu.put("filflow-" + i + " children", Processes.cpuSecondsTree(h) - Processes.cpuSeconds(h.pid()));
        }
        if (engines != null) {
            cpu.put("engines (shared)", Processes.cpuSecondsTree(engines.toHandle()));
        }
        cpu.put("replay node", Processes.cpuSecondsTree(replay.toHandle()));
        return cpu;
    }

    /** Peak resident memory of each filflow JVM (the process alone) and its heap, sampled while the backfill runs. */
    private static final class Sampler {
        final long[] peakRss;
        final long[] peakHeap;
        final long chdbPid;
        volatile long peakChdb;
        volatile double maxLoad;
        private final Thread thread;
        private volatile boolean running = true;

        Sampler(List<Instance> apps, long chdbPid) {
            this.peakRss = new long[apps.size()];
            this.peakHeap = new long[apps.size()];
            this.chdbPid = chdbPid;
            this.thread = new Thread(() -> {
                int tick = 0;
                while (running) {
                    for (int i = 0; i < apps.size(); i++) {
                        peakRss[i] = Math.max(peakRss[i], Processes.resident(apps.get(i).process.pid()));
                        if (tick % 20 == 0) { // a Prometheus scrape every 5 s: the scrape itself costs the JVM CPU
                            peakHeap[i] = Math.max(peakHeap[i], heapUsed(apps.get(i)));
                        }
                    }
                    if (chdbPid > 0) {
                        peakChdb = Math.max(peakChdb, Processes.resident(chdbPid));
                    }
                    maxLoad = Math.max(maxLoad, Double.parseDouble(Processes.loadAverage().split(" ")[0]));
                    tick++;
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        /** Heap in use from the Prometheus endpoint: the sum of {@code jvm_memory_used_bytes{area="heap"}}. */
        private static long heapUsed(Instance app) {
            HttpResponse<String> r = Processes.get(app.management + "/metrics", Duration.ofSeconds(5));
            if (r == null || r.statusCode() != 200) {
                return 0;
            }
            long sum = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        }
    }

    private static void awaitNode(LotusClient lotus, Process replay) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                lotus.chainHead();
                return;
            } catch (RuntimeException e) {
                if (!replay.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("the replay node did not start (see its log)", e);
                }
                Thread.sleep(500);
            }
        }
    }

    private static void awaitFile(Path file, Process p, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!Files.exists(file)) {
            if (!p.isAlive() || System.nanoTime() > end) {
                throw new IllegalStateException("the engines did not start (see engines.log)");
            }
            Thread.sleep(250);
        }
    }

    private static String defaultFixtures() {
        return "fixtures/lotus/mainnet";
    }
}
