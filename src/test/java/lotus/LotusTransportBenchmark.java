package lotus;

import com.fasterxml.jackson.core.JsonToken;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import lotus.RpcTestServer.Reply;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reading a recorded mainnet StateCompute answer (15 MB) over loopback: the JDK's two HTTP
 * clients side by side, then the Lotus client streaming it into a token-walking reader.
 * Prints MB/s; never asserts timings.
 */
@Tag("benchmark")
class LotusTransportBenchmark {
    private static final int ROUNDS = 20;

    @Test
    void readLargeAnswers() throws Exception {
        byte[] result = RpcTestServer.fixture("mainnet/traces_3573064.json.gz");
        try (RpcTestServer server = new RpcTestServer()) {
            server.on("Filecoin.StateCompute", Reply.result(result));
            byte[] request = "{\"jsonrpc\":\"2.0\",\"method\":\"Filecoin.StateCompute\",\"params\":[1,[],[]],\"id\":1}".getBytes();
            int size = result.length;
            System.out.printf("machine: %d cores, max heap %d MB, java %s; answer %.1f MB, %d rounds%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("java.version"), size / 1e6, ROUNDS);

            report("HttpURLConnection, body to /dev/null", size, () -> {
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

            HttpClient http = HttpClient.newHttpClient();
            report("java.net.http HttpClient, body to /dev/null", size, () -> {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(server.url()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            });

            com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
            report("same token walk from a byte[] (no HTTP)", size, () -> {
                try (com.fasterxml.jackson.core.JsonParser p = factory.createParser(result)) {
                    p.nextToken();
                    WALK.read(p);
                }
            });

            LotusClient client = new LotusClient(LotusClientConfig.of(server.url()), new SimpleMeterRegistry());
            report("LotusClient.stateCompute, reader walks every token", size, () -> client.stateCompute(1, TipSetKey.EMPTY, WALK));
        }
    }

    /** Visits every token of the value, as a streaming trace reader does. */
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

    private static void report(String what, int size, Round round) throws Exception {
        for (int i = 0; i < 3; i++) {
            round.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            round.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-55s %8.1f MB/s  %6.1f answers/s%n", what, size * (double) ROUNDS / 1e6 / seconds, ROUNDS / seconds);
    }
}
