package pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback JSON-RPC proxy in front of a replay node that answers chosen methods with a chosen
 * JSON-RPC error (a number of times, or always) and forwards everything else: a node that refuses a
 * method, or whose events store fails.
 */
final class RefusingProxy implements AutoCloseable {
    static final int ALWAYS = Integer.MAX_VALUE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Refusal(long code, String message, AtomicInteger left) {
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI target;
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

    RefusingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + target.getPath();
    }

    /** {@code method} (e.g. "Filecoin.StateCompute") answers the error the next {@code times} calls. */
    RefusingProxy refuse(String method, long code, String message, int times) {
        refusals.put(method, new Refusal(code, message, new AtomicInteger(times)));
        return this;
    }

    /** {@code Filecoin.StateCompute} always answers "method not found", as public gateways do: the degraded mode. */
    RefusingProxy refuseStateComputeAsAGatewayDoes() {
        return refuse("Filecoin.StateCompute", -32601, "method 'Filecoin.StateCompute' not found", ALWAYS);
    }

    void forwardAll() {
        refusals.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        JsonNode request = JSON.readTree(body);
        Refusal r = refusals.get(request.path("method").asText());
        byte[] answer;
        if (r != null && r.left().getAndUpdate(n -> n == ALWAYS ? n : Math.max(0, n - 1)) > 0) {
            ObjectNode error = JSON.createObjectNode().put("jsonrpc", "2.0");
            error.set("id", request.get("id"));
            error.putObject("error").put("code", r.code()).put("message", r.message());
            answer = JSON.writeValueAsBytes(error);
        } else {
            try {
                answer = client.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
