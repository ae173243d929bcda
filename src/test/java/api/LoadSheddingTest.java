package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import storage.ClickHouseAccess;

/**
 * Load shedding ({@link RequestAdmission}) on a real server over a recorded mainnet height. The
 * server's slots are taken by slow clients: each sends a request's headers with
 * {@code Expect: 100-continue} and holds back its body; the server's {@code 100 Continue} says the
 * request was taken. With every slot held, further requests are answered 503 with the JSON error
 * body and {@code Retry-After} at once; once the held requests end, or their clients go away, the
 * server answers normally again. A request whose body arrives after the queue deadline is answered
 * 503 instead of being executed.
 */
class LoadSheddingTest {
    private static final long HEIGHT = 3573064L;
    private static final int MAX_IN_FLIGHT = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static ApiServer api;
    private static ApiServer strict;
    private static RawFixtures raw;

    @BeforeAll
    static void indexAndServe() throws Exception {
        ClickHouseAccess clickHouse = IndexedFixtures.index("mainnet", List.of(HEIGHT), "api_load_shedding");
        api = ApiServer.startWithServerHooks(Map.of("clickHouse", clickHouse), Map.of(
                "api.max-in-flight", Integer.toString(MAX_IN_FLIGHT), "api.queue-deadline-ms", "600000"));
        strict = ApiServer.startWithServerHooks(Map.of("clickHouse", clickHouse), Map.of("api.queue-deadline-ms", "500"));
        raw = new RawFixtures("mainnet", HEIGHT);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (strict != null) {
            strict.close();
        }
    }

    @Test
    void pastItsCapacityTheApiAnswers503AtOnceAndAfterwardsAnswersNormally() throws Exception {
        HttpResponse<String> before = get(api, "/api/v1/tipsets/" + HEIGHT);
        assertRecordedTipset(before);

        List<HeldRequest> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_IN_FLIGHT; i++) {
                held.add(HeldRequest.open(api, "/api/v1/tipsets/" + HEIGHT));
            }
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> shed = get(api, "/api/v1/tipsets/" + HEIGHT);
                assertThat(shed.statusCode()).isEqualTo(503);
                assertThat(shed.headers().firstValue("Retry-After")).contains("1");
                assertThat(shed.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                assertThat(json(shed).path("error").path("code").asText()).isEqualTo("OVERLOADED");
                assertThat(json(shed).path("error").path("message").asText()).contains(Integer.toString(MAX_IN_FLIGHT));
            }
            // the held requests, once their bodies arrive, are answered in full
            for (HeldRequest h : held) {
                String answer = h.finish();
                assertThat(answer).startsWith("HTTP/1.1 200");
                assertThat(answer).contains(before.body());
            }
        } finally {
            held.forEach(HeldRequest::close);
        }
        // every slot is free again: more requests in a row than there are slots, each answered in full
        for (int i = 0; i < 2 * MAX_IN_FLIGHT; i++) {
            HttpResponse<String> after = get(api, "/api/v1/tipsets/" + HEIGHT);
            assertRecordedTipset(after);
            assertThat(after.body()).isEqualTo(before.body());
        }
    }

    @Test
    void theSlotsOfClientsThatWentAwayAreGivenBack() throws Exception {
        List<HeldRequest> held = new ArrayList<>();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            held.add(HeldRequest.open(api, "/api/v1/tipsets/" + HEIGHT));
        }
        assertThat(get(api, "/api/v1/tipsets/" + HEIGHT).statusCode()).isEqualTo(503);
        held.forEach(HeldRequest::close);
        // the server learns of the closed connections on its own event loops: wait for that, then every slot is free
        HttpResponse<String> first = get(api, "/api/v1/tipsets/" + HEIGHT);
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (first.statusCode() == 503 && System.nanoTime() < until) {
            Thread.sleep(100);
            first = get(api, "/api/v1/tipsets/" + HEIGHT);
        }
        assertRecordedTipset(first);
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            held.set(i, HeldRequest.open(api, "/api/v1/tipsets/" + HEIGHT));
        }
        try {
            // exactly MAX_IN_FLIGHT slots again: the closed ones are not counted twice
            assertThat(get(api, "/api/v1/tipsets/" + HEIGHT).statusCode()).isEqualTo(503);
        } finally {
            held.forEach(HeldRequest::close);
        }
    }

    @Test
    void aRequestThatWaitedPastTheDeadlineIsNotExecuted() throws Exception {
        HeldRequest late = HeldRequest.open(strict, "/api/v1/tipsets/" + HEIGHT);
        try {
            // the body arrives twice the deadline after the request was taken
            Thread.sleep(1000);
            String answer = late.finish();
            // executed, it would be the tipset (200); it is the overload answer instead
            assertThat(answer).startsWith("HTTP/1.1 503");
            assertThat(answer).containsIgnoringCase("Retry-After: 1");
            JsonNode body = ApiJson.MAPPER.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(body.path("error").path("code").asText()).isEqualTo("OVERLOADED");
            assertThat(body.path("error").path("message").asText()).contains("500 ms");
        } finally {
            late.close();
        }
    }

    private static void assertRecordedTipset(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode t = json(r);
        assertThat(t.path("height").asLong()).isEqualTo(HEIGHT);
        List<String> cids = new ArrayList<>();
        t.path("cids").forEach(c -> cids.add(c.asText()));
        assertThat(cids).isEqualTo(raw.tipsetCids());
    }

    private static HttpResponse<String> get(ApiServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return ApiJson.MAPPER.readTree(r.body());
    }

    /** A slow client: the request's headers sent, its two-byte body held back until {@link #finish}. */
    private static final class HeldRequest implements AutoCloseable {
        private final Socket socket;

        private HeldRequest(Socket socket) {
            this.socket = socket;
        }

        /** Sends the headers and returns once the server answered {@code 100 Continue}: the request is taken. */
        static HeldRequest open(ApiServer server, String path) throws IOException {
            Socket socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String interim = readUntilBlankLine(socket.getInputStream());
            assertThat(interim).as("the server's interim answer").startsWith("HTTP/1.1 100");
            return new HeldRequest(socket);
        }

        /** Sends the body and reads the whole answer (the server closes the connection after it). */
        String finish() throws IOException {
            socket.getOutputStream().write("{}".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        private static String readUntilBlankLine(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    break;
                }
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
