package replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lotus's HTTP JSON-RPC transport: POST a request (or a batch), get {@code {jsonrpc, result|error, id}}.
 * Results are written as envelope + recorded bytes with a known Content-Length.
 */
final class JsonRpcEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcEndpoint.class);
    private static final byte[] RESULT_HEAD = "{\"jsonrpc\":\"2.0\",\"result\":".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REQUEST_BYTES = 16 << 20;

    private final RpcMethods methods;
    private final ObjectMapper mapper;
    private final String token;
    private final AtomicLong requests = new AtomicLong();
    private final Runnable onRequest;

    JsonRpcEndpoint(RpcMethods methods, ObjectMapper mapper, String token, Runnable onRequest) {
        this.methods = methods;
        this.mapper = mapper;
        this.token = token;
        this.onRequest = onRequest;
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                plain(ex, 405, "only POST is served");
                return;
            }
            if (token != null && !("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                plain(ex, 401, "missing or invalid bearer token");
                return;
            }
            requests.incrementAndGet();
            onRequest.run();
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            }
            respond(ex, body);
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        }
    }

    private void respond(HttpExchange ex, byte[] body) throws IOException {
        JsonNode request;
        try {
            if (body.length > MAX_REQUEST_BYTES) {
                throw new RpcException(RpcException.PARSE_ERROR, "request bigger than maximum " + MAX_REQUEST_BYTES + " allowed");
            }
            request = mapper.readTree(body);
            if (request == null) {
                throw new RpcException(RpcException.INVALID_REQUEST, "Invalid request");
            }
        } catch (IOException e) {
            send(ex, 500, List.of(error(NullNode.instance, new RpcException(RpcException.PARSE_ERROR, "Parse error"))));
            return;
        } catch (RpcException e) {
            send(ex, e.httpStatus(), List.of(error(NullNode.instance, e)));
            return;
        }
        try {
            if (request.isArray()) {
                List<RpcBody> out = new ArrayList<>();
                for (JsonNode one : request) {
                    out.add(call(one));
                }
                send(ex, 200, batch(out));
            } else {
                JsonNode id = request.path("id");
                try {
                    send(ex, 200, List.of(result(id, dispatch(request))));
                } catch (RpcException e) {
                    send(ex, e.httpStatus(), List.of(error(id, e)));
                }
            }
        } catch (ReplayAdmin.HttpFailure f) {
            plain(ex, 503, f.getMessage());
        }
    }

    private RpcBody call(JsonNode one) {
        JsonNode id = one.path("id");
        try {
            return result(id, dispatch(one));
        } catch (RpcException e) {
            return error(id, e);
        }
    }

    private RpcBody dispatch(JsonNode request) {
        JsonNode method = request.path("method");
        if (!method.isTextual()) {
            throw new RpcException(RpcException.INVALID_REQUEST, "Invalid request");
        }
        try {
            return methods.call(method.asText(), new RpcParams(method.asText(), request.get("params")));
        } catch (RpcException | ReplayAdmin.HttpFailure e) {
            throw e;
        } catch (RuntimeException e) {
            // As go-jsonrpc does with a failing handler: an error answer, not a dropped connection.
            LOG.warn("{} failed", method.asText(), e);
            throw RpcException.method("replay node: " + method.asText() + " failed: " + e);
        }
    }

    private RpcBody result(JsonNode id, RpcBody result) {
        byte[] tail = (",\"id\":" + (id.isMissingNode() ? "null" : id.toString()) + "}\n").getBytes(StandardCharsets.UTF_8);
        return new RpcBody() {
            @Override
            public long length() {
                return RESULT_HEAD.length + result.length() + tail.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(RESULT_HEAD);
                result.writeTo(out);
                out.write(tail);
            }
        };
    }

    private RpcBody error(JsonNode id, RpcException e) {
        ObjectNode root = mapper.createObjectNode();
        root.put("jsonrpc", "2.0");
        root.set("id", id.isMissingNode() ? NullNode.instance : id);
        ObjectNode err = root.putObject("error");
        err.put("code", e.code());
        err.put("message", e.getMessage());
        try {
            byte[] bytes = (mapper.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
            return RpcBody.of(bytes);
        } catch (IOException io) {
            throw new IllegalStateException(io);
        }
    }

    private static List<RpcBody> batch(List<RpcBody> parts) {
        List<RpcBody> out = new ArrayList<>();
        out.add(RpcBody.of(new byte[] {'['}));
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.add(RpcBody.of(new byte[] {','}));
            }
            out.add(parts.get(i));
        }
        out.add(RpcBody.of(new byte[] {']'}));
        return out;
    }

    private static void send(HttpExchange ex, int status, List<RpcBody> parts) throws IOException {
        long length = 0;
        for (RpcBody p : parts) {
            length += p.length();
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, length);
        try (OutputStream out = ex.getResponseBody()) {
            for (RpcBody p : parts) {
                p.writeTo(out);
            }
        }
    }

    private static void plain(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
