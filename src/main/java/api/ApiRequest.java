package api;

import org.apache.camel.Message;

/** What a handler sees of an HTTP request: path and query parameters (as Camel headers) and the body. */
public final class ApiRequest {
    private final Message message;

    public ApiRequest(Message message) {
        this.message = message;
    }

    /** A path or query parameter (or HTTP header) as a string; null when absent. */
    public String param(String name) {
        Object v = message.getHeader(name);
        if (v instanceof java.util.List<?> list) {
            // a query parameter given twice: ambiguous, so refuse it
            throw ApiException.badRequest("INVALID_PARAMETER", name + " is given " + list.size() + " times; give it once");
        }
        return v == null ? null : v.toString();
    }

    /** The client's IP address as the server saw it (the key of per-client rate limits); "unknown" outside HTTP. */
    public String client() {
        Object remote = message.getHeader("CamelVertxPlatformHttpRemoteAddress");
        if (remote instanceof io.vertx.core.net.SocketAddress address && address.hostAddress() != null) {
            return address.hostAddress();
        }
        return "unknown";
    }

    public String body() {
        String body = message.getBody(String.class);
        return body == null ? "" : body;
    }
}
