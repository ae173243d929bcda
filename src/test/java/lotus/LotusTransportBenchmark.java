package lotus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import lotus.RpcTestServer.Reply;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import trace.GasChargeSummarizer;
import trace.TraceReader;

/**
 * Reading a recorded mainnet StateCompute answer (15 MB) over loopback: the JDK's two HTTP
 * clients side by side, then the Lotus client streaming it into readers. The variants run
 * interleaved, round after round, so a busy machine slows all of them alike; best and median
 * per variant are printed. Never asserts timings.
 */
@Tag("benchmark")
class LotusTransportBenchmark {
    private static final int PASSES = 15;

    /** Visits every token of the value, as a streaming reader does. */
    private static final ResultReader<Long> WALK = p -> {
        long tokens = 0;
        int depth = 0;
        do {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            }
            tokens++;
        } while (depth > 0 && p.nextToken() != null);
        return tokens;
    };

    interface Round {
        void run() throws Exception;
    }

    @Test
    void readLargeAnswers() throws Exception {
        byte[] result = RpcTestServer.fixture("mainnet/traces_3573064.json.gz");
        try (RpcTestServer server = new RpcTestServer()) {
            server.on("Filecoin.StateCompute", Reply.result(result));
            byte[] request = "{\"jsonrpc\":\"2.0\",\"method\":\"Filecoin.StateCompute\",\"params\":[1,[],[]],\"id\":1}".getBytes();
            HttpClient http = HttpClient.newHttpClient();
            JsonFactory factory = new JsonFactory();
            LotusClient client = new LotusClient(LotusClientConfig.of(server.url()), new SimpleMeterRegistry());
            TraceReader traces = new TraceReader();
            LongAdder messages = new LongAdder();

            Map<String, Round> variants = new LinkedHashMap<>();
            variants.put("HttpURLConnection, body to /dev/null", () -> {
                HttpURLConnection c = (HttpURLConnection) URI.create(server.url()).toURL().openConnection();
                c.setDoOutput(true);
                c.setRequestMethod("POST");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(request);
                }
                try (InputStream in = c.getInputStream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            });
            variants.put("java.net.http HttpClient, body to /dev/null", () -> {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(server.url()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            });
            variants.put("token walk from a byte[] (no HTTP)", () -> {
                try (JsonParser p = factory.createParser(result)) {
                    p.nextToken();
                    WALK.read(p);
                }
            });
            variants.put("LotusClient.stateCompute, every token walked", () -> client.stateCompute(1, TipSetKey.EMPTY, WALK));
            variants.put("LotusClient + GasChargeSummarizer + TraceReader", () -> {
                messages.reset();
                client.stateCompute(1, TipSetKey.EMPTY, GasChargeSummarizer::new,
                        p -> traces.readComputeResult(p, ir -> messages.increment()));
            });

            Map<String, long[]> nanos = new LinkedHashMap<>();
            variants.keySet().forEach(k -> nanos.put(k, new long[PASSES]));
            for (int pass = -3; pass < PASSES; pass++) {
                for (Map.Entry<String, Round> v : variants.entrySet()) {
                    long start = System.nanoTime();
                    v.getValue().run();
                    if (pass >= 0) {
                        nanos.get(v.getKey())[pass] = System.nanoTime() - start;
                    }
                }
            }

            System.out.printf("machine: %d cores, max heap %d MB, java %s, load %.1f; answer %.1f MB, %d passes%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("java.version"),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    result.length / 1e6, PASSES);
            System.out.printf("%-50s %14s %14s%n", "variant", "best MB/s", "median MB/s");
            nanos.forEach((name, t) -> {
                Arrays.sort(t);
                System.out.printf("%-50s %14.1f %14.1f%n", name, result.length * 1e3 / t[0],
                        result.length * 1e3 / t[t.length / 2]);
            });
            long[] full = nanos.get("LotusClient + GasChargeSummarizer + TraceReader");
            System.out.printf("StateCompute answers/s (best, median): %.1f, %.1f; executed messages (with sub-call trees)/s: %.0f, %.0f%n",
                    1e9 / full[0], 1e9 / full[full.length / 2],
                    messages.sum() * 1e9 / full[0], messages.sum() * 1e9 / full[full.length / 2]);
        }
    }
}
