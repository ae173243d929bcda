package replay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import lotus.ResultReader;
import lotus.TipSet;
import lotus.TipSetKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import trace.GasChargeSummarizer;

/**
 * Replay-node throughput on this machine: ChainHead requests/s (1 and 4 client threads) and
 * StateCompute of a mainnet-like synthetic chain (15 MB answers) in MB/s and tipsets/s, both
 * node-side (a bare client that discards the body) and through the project's Lotus client.
 * Bounded by count and time; prints numbers, never asserts them.
 */
@Tag("benchmark")
class ReplayNodeBenchmark {
    private static final long FROM = 5_000_000;
    private static final long BUDGET_NANOS = 8_000_000_000L;

    /** Skips the whole result without building anything. */
    private static final ResultReader<Void> SKIP = p -> {
        p.skipChildren();
        return null;
    };

    @Test
    void throughput() throws Exception {
        System.out.printf("machine: %d cores, max heap %d MB, java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        long t0 = System.nanoTime();
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(Fixtures.MAINNET)
                .withSynthetic(SyntheticOptions.of(FROM, 100_000)))) {
            System.out.printf("start (mainnet synthetic, 4 recorded bases): %.2f s%n", (System.nanoTime() - t0) / 1e9);
            LotusClient client = new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
            for (int threads : new int[] {1, 4}) {
                chainHead(client, threads, 300);
                chainHead(client, threads, 20_000);
                chainHeadBare(node.url(), threads, 20_000);
            }
            List<TipSet> tipsets = new ArrayList<>();
            for (long h = FROM; h < FROM + 400; h++) {
                tipsets.add(client.chainGetTipSetByHeight(h, TipSetKey.EMPTY));
            }
            stateComputeBare(node.url(), tipsets.subList(0, 20), 1);
            for (int threads : new int[] {1, 2}) {
                stateComputeBare(node.url(), tipsets.subList(20, 220), threads);
            }
            stateComputeClient(client, tipsets.subList(220, 300), false);
            stateComputeClient(client, tipsets.subList(300, 400), true);
        }
    }

    private static void chainHead(LotusClient client, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread && System.nanoTime() - start < BUDGET_NANOS; i++) {
                    client.call("Filecoin.ChainHead", SKIP);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double s = (System.nanoTime() - start) / 1e9;
        if (perThread > 1000) {
            System.out.printf("ChainHead, Lotus client, %d thread(s): %d requests in %.2f s = %.0f requests/s%n", threads,
                    done.get(), s, done.get() / s);
        }
    }

    /** Node-side: ChainHead through a bare HttpURLConnection that drains the body. */
    private static void chainHeadBare(URI url, int threads, int perThread) throws Exception {
        String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.ChainHead\",\"params\":[]}";
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread && System.nanoTime() - start < BUDGET_NANOS; i++) {
                    post(url, request);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("ChainHead, bare client, %d thread(s): %d requests in %.2f s = %.0f requests/s%n", threads,
                done.get(), s, done.get() / s);
    }

    /** Node-side: a bare HttpURLConnection that sends the request and drains the body. */
    private static void stateComputeBare(URI url, List<TipSet> tipsets, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong bytes = new AtomicLong();
        AtomicLong count = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            futures.add(pool.submit(() -> {
                for (int i = first; i < tipsets.size() && System.nanoTime() - start < BUDGET_NANOS; i += threads) {
                    bytes.addAndGet(post(url, stateComputeRequest(tipsets.get(i))));
                    count.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double s = (System.nanoTime() - start) / 1e9;
        if (tipsets.size() > 20) {
            System.out.printf("StateCompute, bare client (body drained), %d thread(s): %d tipsets, %.0f MB in %.2f s = "
                    + "%.1f tipsets/s, %.0f MB/s%n", threads, count.get(), bytes.get() / 1e6, s, count.get() / s,
                    bytes.get() / 1e6 / s);
        }
    }

    /**
     * End to end: the Lotus client streams each answer through a reader that skips it token by
     * token, with or without the pipeline's byte-level GasCharges filter in front.
     */
    private static void stateComputeClient(LotusClient client, List<TipSet> tipsets, boolean summarize) {
        long start = System.nanoTime();
        int n = 0;
        for (TipSet ts : tipsets) {
            if (System.nanoTime() - start > BUDGET_NANOS) {
                break;
            }
            if (summarize) {
                client.stateCompute(ts.height(), ts.key(), GasChargeSummarizer::new, SKIP);
            } else {
                client.stateCompute(ts.height(), ts.key(), SKIP);
            }
            n++;
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("StateCompute, Lotus client%s, every token skipped, 1 thread: %d tipsets in %.2f s = %.1f tipsets/s%n",
                summarize ? " + GasChargeSummarizer" : "", n, s, n / s);
    }

    private static String stateComputeRequest(TipSet ts) {
        StringBuilder key = new StringBuilder();
        ts.cids().forEach(c -> key.append(key.length() == 0 ? "" : ",").append("{\"/\":\"").append(c).append("\"}"));
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.StateCompute\",\"params\":[" + ts.height() + ",[],[" + key
                + "]]}";
    }

    private static long post(URI url, String body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setDoOutput(true);
        c.setRequestMethod("POST");
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = c.getInputStream()) {
            for (int r; (r = in.read(buf)) > 0; ) {
                n += r;
            }
        }
        return n;
    }
}
