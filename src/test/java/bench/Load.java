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

    /**
     * {@code latencies} in ns of every request, {@link #DROPPED} for one never sent; {@code ok} those of
     * the 200 answers alone (a shed request's quick 503 must not flatter the percentiles);
     * {@code sent} counts every scheduled one, {@code shed} the 503 answers.
     */
    record Result(long[] latencies, long[] ok, int sent, double seconds, int non200, int shed, int failed, int dropped) {
        static final long DROPPED = Long.MAX_VALUE;

        double percentile(double p) {
            return percentile(latencies, p);
        }

        /** Percentile of the 200 answers' latencies. */
        double okPercentile(double p) {
            return percentile(ok, p);
        }

        /** Requests answered 200 per second. */
        double okRate() {
            return ok.length / seconds;
        }

        private static double percentile(long[] values, double p) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            long v = sorted.length == 0 ? 0 : sorted[Math.max(0, Math.min(sorted.length - 1, i))];
            return v == DROPPED ? Double.POSITIVE_INFINITY : v / 1e6;
        }

        double rate() {
            return (sent - dropped) / seconds;
        }

        String line() {
            return String.format("%6.0f req/s answered or failed  p50 %s  p99 %s  max %s  non-200 %d (503 %d)  failed %d"
                    + "  dropped %d; the %d answered 200 (%.0f/s): p50 %s  p99 %s",
                    rate(), ms(percentile(50)), ms(percentile(99)), ms(percentile(100)), non200, shed, failed, dropped,
                    ok.length, okRate(), ms(okPercentile(50)), ms(okPercentile(99)));
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
        AtomicInteger shed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        boolean[] okay = new boolean[total];
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
                        okay[slot] = count(r, e, non200, shed, failed);
                        slots.release();
                    }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get();
        long[] ok = java.util.stream.IntStream.range(0, total).filter(i -> okay[i]).mapToLong(i -> latencies[i]).toArray();
        return new Result(latencies, ok, total, (System.nanoTime() - start) / 1e9, non200.get(), shed.get(), failed.get(),
                dropped);
    }

    /** {@code clients} clients back to back for {@code seconds}. */
    static Result closedLoop(String base, List<String> paths, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger non200 = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        List<long[]> okPerClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[200_000];
            long[] mineOk = new long[200_000];
            perClient.add(mine);
            okPerClient.add(mineOk);
            Thread t = new Thread(() -> {
                int n = 0;
                int k = 0;
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
                    long latency = System.nanoTime() - t0;
                    if (count(r, err, non200, shed, failed)) {
                        mineOk[++k] = latency;
                    }
                    mine[++n] = latency;
                }
                mine[0] = n;
                mineOk[0] = k;
            }, "load-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds2 = (System.nanoTime() - start) / 1e9;
        long[] all = concat(perClient);
        return new Result(all, concat(okPerClient), all.length, seconds2, non200.get(), shed.get(), failed.get(), 0);
    }

    /** Each array holds its count at [0], then the values. */
    private static long[] concat(List<long[]> counted) {
        long[] all = new long[counted.stream().mapToInt(a -> (int) a[0]).sum()];
        int i = 0;
        for (long[] a : counted) {
            System.arraycopy(a, 1, all, i, (int) a[0]);
            i += (int) a[0];
        }
        return all;
    }

    private static HttpRequest request(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build();
    }

    /** Counts the outcome; true for a 200 answer. */
    private static boolean count(HttpResponse<?> r, Throwable e, AtomicInteger non200, AtomicInteger shed,
                                 AtomicInteger failed) {
        if (e != null) {
            if (failed.incrementAndGet() == 1) {
                System.out.println("  first failure: " + e);
            }
            return false;
        }
        if (r.statusCode() == 503) {
            shed.incrementAndGet();
        }
        if (r.statusCode() != 200) {
            non200.incrementAndGet();
            return false;
        }
        return true;
    }
}
