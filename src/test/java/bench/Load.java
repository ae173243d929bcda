package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP load on loopback. Open loop: requests leave at a fixed rate whatever the answers do, and
 * each latency counts from the request's scheduled time, so queueing shows (no coordinated
 * omission); a request whose time comes while {@code maxInFlight} are still open is not sent and
 * counts as dropped (an infinite latency), so an overloaded server cannot stretch a scenario's
 * time without bound, and its percentiles say "overload" instead of a number. Closed loop: a fixed number of clients, each sending its next request when the last
 * is answered, for the most requests per second.
 */
final class Load {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Load() {
    }

    /** {@code latencies} in ns, {@link #DROPPED} for a request never sent; {@code sent} counts every scheduled one. */
    record Result(long[] latencies, int sent, double seconds, int non200, int failed, int dropped) {
        static final long DROPPED = Long.MAX_VALUE;

        double percentile(double p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            long v = sorted.length == 0 ? 0 : sorted[Math.max(0, Math.min(sorted.length - 1, i))];
            return v == DROPPED ? Double.POSITIVE_INFINITY : v / 1e6;
        }

        double rate() {
            return (sent - dropped) / seconds;
        }

        String line() {
            return String.format("%6.0f req/s answered or failed  p50 %s  p99 %s  max %s  non-200 %d  failed %d  dropped %d",
                    rate(), ms(percentile(50)), ms(percentile(99)), ms(percentile(100)), non200, failed, dropped);
        }

        private static String ms(double v) {
            return Double.isInfinite(v) ? "overload" : String.format("%.2f ms", v);
        }
    }

    /** {@code rate} requests a second for {@code seconds}, paths taken in turn; at most {@code maxInFlight} open at once. */
    static Result openLoop(String base, List<String> paths, int rate, int seconds, int maxInFlight) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger non200 = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int dropped = 0;
        List<CompletableFuture<?>> sent = new ArrayList<>(total);
        Semaphore slots = new Semaphore(maxInFlight);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!slots.tryAcquire()) {
                latencies[i] = Result.DROPPED;
                dropped++;
                continue;
            }
            int slot = i;
            sent.add(HTTP.sendAsync(request(base, paths.get(i % paths.size())), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        latencies[slot] = System.nanoTime() - scheduled;
                        slots.release();
                        count(r, e, non200, failed);
                    }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get();
        return new Result(latencies, total, (System.nanoTime() - start) / 1e9, non200.get(), failed.get(), dropped);
    }

    /** {@code clients} clients back to back for {@code seconds}. */
    static Result closedLoop(String base, List<String> paths, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger non200 = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[200_000];
            perClient.add(mine);
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < mine.length - 1) {
                    long t0 = System.nanoTime();
                    String path = paths.get((int) (next.getAndIncrement() % paths.size()));
                    HttpResponse<Void> r = null;
                    Throwable err = null;
                    try {
                        r = HTTP.send(request(base, path), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        err = e;
                    }
                    count(r, err, non200, failed);
                    mine[++n] = System.nanoTime() - t0;
                }
                mine[0] = n;
            }, "load-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds2 = (System.nanoTime() - start) / 1e9;
        int total = perClient.stream().mapToInt(a -> (int) a[0]).sum();
        long[] all = new long[total];
        int i = 0;
        for (long[] a : perClient) {
            System.arraycopy(a, 1, all, i, (int) a[0]);
            i += (int) a[0];
        }
        return new Result(all, total, seconds2, non200.get(), failed.get(), 0);
    }

    private static HttpRequest request(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build();
    }

    private static void count(HttpResponse<?> r, Throwable e, AtomicInteger non200, AtomicInteger failed) {
        if (e != null) {
            if (failed.incrementAndGet() == 1) {
                System.out.println("  first failure: " + e);
            }
        } else if (r.statusCode() != 200) {
            non200.incrementAndGet();
        }
    }
}
