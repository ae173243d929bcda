package api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Open-loop load on loopback: requests are sent at a fixed offered rate whatever the answers do,
 * and each latency is measured from the request's scheduled time (no coordinated omission).
 * Prints requests/s, p50, p99 and max per scenario; asserts nothing about time.
 */
@Tag("benchmark")
class ApiBenchmark {
    private static final int RATE = Integer.getInteger("api.bench.rate", 500);
    private static final int WARMUP_SECONDS = Integer.getInteger("api.bench.warmup", 5);
    private static final int SECONDS = Integer.getInteger("api.bench.seconds", 20);
    /** Connections in flight at most (file descriptors are finite); a request waiting for one still counts from its schedule. */
    private static final int MAX_IN_FLIGHT = Integer.getInteger("api.bench.connections", 128);

    @Test
    void pointLookupsAndListsAtAFixedRate() throws Exception {
        List<Long> heights = new ArrayList<>(FixtureApiTest.HEIGHTS);
        var clickHouse = IndexedFixtures.index("mainnet", heights, "api_bench_mainnet");
        List<String> messages = new ArrayList<>();
        List<String> senders = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        for (long h : heights) {
            RawFixtures raw = new RawFixtures("mainnet", h);
            raw.traces.forEach(t -> {
                messages.add("/api/v1/messages/" + RawFixtures.msgCid(t));
                senders.add("/api/v1/messages?address=" + t.at("/Msg/From").asText() + "&limit=25");
            });
            searches.add("/api/v1/search?q=" + h);
            searches.add("/api/v1/search?q=" + raw.tipsetCids().get(0));
            searches.add("/api/v1/search?q=" + RawFixtures.msgCid(raw.traces.get(1)));
            searches.add("/api/v1/search?q=" + raw.traces.get(5).at("/Msg/From").asText());
        }
        System.out.printf("machine: %d cores, max heap %d MiB, java %s, %s %s, load average %s; %d messages indexed%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim(), messages.size());
        try (ApiServer api = ApiServer.start(Map.of("clickHouse", clickHouse), Map.of())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            run(http, api, "message-by-CID", messages);
            run(http, api, "messages-by-address", senders);
            run(http, api, "search", searches);
        }
    }

    /**
     * Balance at a height (docs/HISTORY.md) over the 1.26+ calibnet recordings, whose replay node gives
     * the snapshots: one lookup per (actor, height) with a snapshot, plus the history list. Prints
     * the CPU seconds of this JVM and its engine processes per request as well, steadier than rates
     * on a shared machine.
     */
    @Test
    void balanceAtHeightLookups() throws Exception {
        List<Long> heights = List.of(1162295L, 1256171L, 1352134L, 1419335L, 1467665L, 1552242L, 1576593L, 1698055L);
        var clickHouse = IndexedFixtures.index("calibnet", heights, "api_bench_balances");
        List<String> balances = new ArrayList<>();
        List<String> histories = new ArrayList<>();
        clickHouse.client().queryAll("SELECT actor_id, height FROM balance_snapshots FINAL ORDER BY actor_id, height")
                .forEach(r -> {
                    balances.add("/api/v1/actors/f0" + r.getLong(1) + "/balance?height=" + r.getLong(2));
                    histories.add("/api/v1/actors/f0" + r.getLong(1) + "/history?limit=25");
                });
        long changes = clickHouse.client().queryAll("SELECT count() FROM balance_changes FINAL").get(0).getLong(1);
        System.out.printf("machine: %d cores, max heap %d MiB, java %s, %s %s, load average %s; %d heights, %d snapshots,"
                        + " %d balance changes indexed%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim(), heights.size(),
                balances.size(), changes);
        try (ApiServer api = ApiServer.start(Map.of("clickHouse", clickHouse), Map.of())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            for (String[] s : List.of(new String[] {"balance-at-height", "b"}, new String[] {"balance-history", "h"})) {
                List<String> paths = s[1].equals("b") ? balances : histories;
                double cpu0 = cpuSeconds();
                long answered = run(http, api, s[0], paths);
                System.out.printf("%-20s CPU (this JVM + engine processes) %.2f ms per request; load average %s%n", s[0],
                        (cpuSeconds() - cpu0) * 1000 / answered,
                        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
            }
        }
    }

    /** CPU seconds of this JVM and every process it started (the chDB child, the embedded engines). */
    private static double cpuSeconds() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ProcessHandle.current()),
                        ProcessHandle.current().descendants())
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    /** Runs the scenario's closed and open loops; returns the requests answered. */
    private static long run(HttpClient http, ApiServer api, String name, List<String> paths) throws Exception {
        Result warm = closedLoop(http, api, paths, WARMUP_SECONDS);
        Result one = closedLoop(http, api, paths, SECONDS / 2);
        System.out.printf("%-20s one client, back to back for %d s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, non-200 %d%n",
                name, SECONDS / 2, one.completed / one.seconds, one.percentile(50), one.percentile(99), one.non200);
        Result r = drive(http, api, paths, SECONDS);
        System.out.printf("%-20s offered %d req/s for %d s: achieved %.0f req/s, p50 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms, non-200 %d, failed %d%n",
                name, RATE, SECONDS, r.completed / r.seconds, r.percentile(50), r.percentile(99), r.percentile(100),
                r.non200, r.failed);
        return warm.completed + one.completed + r.completed;
    }

    /** One request at a time: the service time of one request, no queueing. */
    private static Result closedLoop(HttpClient http, ApiServer api, List<String> paths, int seconds) throws Exception {
        List<Long> latencies = new ArrayList<>();
        int non200 = 0;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; System.nanoTime() < end; i++) {
            long t0 = System.nanoTime();
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(api.uri(paths.get(i % paths.size())))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            latencies.add(System.nanoTime() - t0);
            non200 += r.statusCode() == 200 ? 0 : 1;
        }
        return new Result(latencies.stream().mapToLong(Long::longValue).toArray(), latencies.size(),
                (System.nanoTime() - start) / 1e9, non200, 0);
    }

    private static Result drive(HttpClient http, ApiServer api, List<String> paths, int seconds) throws Exception {
        int total = RATE * seconds;
        long[] latencies = new long[total];
        AtomicInteger non200 = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        java.util.concurrent.Semaphore connections = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            connections.acquire();
            int slot = i;
            URI uri = api.uri(paths.get(i % paths.size()));
            inFlight.add(http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((resp, err) -> {
                        latencies[slot] = System.nanoTime() - scheduled;
                        connections.release();
                        if (err != null) {
                            if (failed.incrementAndGet() == 1) {
                                System.out.println("first failure: " + err);
                            }
                        } else if (resp.statusCode() != 200) {
                            non200.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(latencies, total, elapsed, non200.get(), failed.get());
    }

    private record Result(long[] latencies, int completed, double seconds, int non200, int failed) {
        double percentile(double p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }
}
