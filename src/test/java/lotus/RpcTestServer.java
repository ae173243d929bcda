package lotus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import testsupport.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.zip.GZIPInputStream;

/**
 * A real JSON-RPC peer on loopback (JDK HttpServer) that answers each method with what a test
 * scripted: a recorded fixture as {@code result}, an error object, an HTTP status, or a stall.
 */
final class RpcTestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer; {@code delayMillis} stalls before answering. */
    record Reply(int status, byte[] body, long delayMillis) {
        static Reply result(byte[] resultJson) {
            return new Reply(200, envelope("\"result\":", resultJson), 0);
        }

        static Reply error(long code, String message) {
            ObjectNode e = JSON.createObjectNode().put("code", code).put("message", message);
            return new Reply(200, envelope("\"error\":", e.toString().getBytes(StandardCharsets.UTF_8)), 0);
        }

        static Reply status(int status, String body) {
            return new Reply(status, body.getBytes(StandardCharsets.UTF_8), 0);
        }

        static Reply raw(String body) {
            return new Reply(200, body.getBytes(StandardCharsets.UTF_8), 0);
        }

        Reply delayed(long millis) {
            return new Reply(status, body, millis);
        }

        private static byte[] envelope(String member, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 64);
            out.writeBytes(("{\"jsonrpc\":\"2.0\",\"id\":1," + member).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(value);
            out.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
    }

    /** What the server received, and from which client port (to see connection reuse). */
    record Received(String method, JsonNode params, String authorization, int clientPort) {
    }

    private static final byte[] ENVELOPE = "{\"jsonrpc\":\"2.0\",\"id\":1,".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, List<Reply>> scripts = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    RpcTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/rpc/v1", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rpc/v1";
    }

    /** Answers {@code method} with these replies in turn; the last one repeats. */
    RpcTestServer on(String method, Reply... replies) {
        scripts.put(method, new CopyOnWriteArrayList<>(List.of(replies)));
        return this;
    }

    long calls(String method) {
        return received.stream().filter(r -> r.method().equals(method)).count();
    }

    static byte[] fixture(String relative) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.LOTUS.resolve(relative)))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String method = request.path("method").asText();
            received.add(new Received(method, request.path("params"),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRemoteAddress().getPort()));
            List<Reply> script = scripts.get(method);
            Reply reply = script == null
                    ? Reply.error(-32601, "method '" + method + "' not found")
                    : script.size() > 1 ? script.remove(0) : script.get(0);
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            byte[] body = echoId(reply.body(), request.path("id").asLong());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the client gave up (timeout test): nothing to answer
        }
    }

    /** Scripted envelopes say id 1; a real peer answers with the request's id. */
    private static byte[] echoId(byte[] body, long id) {
        if (!java.util.Arrays.equals(body, 0, Math.min(body.length, ENVELOPE.length), ENVELOPE, 0, ENVELOPE.length)) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 16);
        out.writeBytes(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",").getBytes(StandardCharsets.UTF_8));
        out.write(body, ENVELOPE.length, body.length - ENVELOPE.length);
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
