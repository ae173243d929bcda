package api;

import java.util.List;

/**
 * One REST operation: verb, path (with {@code {name}} path parameters), the route id it runs as,
 * the text and parameters the OpenAPI document shows, and the handler.
 */
public record Endpoint(String method, String path, String id, String summary, List<Param> params, ApiHandler handler,
        FinalHeight finalHeight) {
    /** The height whose finality makes an answer immutable (null: the answer may change), see {@link ResponseCache}. */
    @FunctionalInterface
    public interface FinalHeight {
        Long of(ApiRequest request, com.fasterxml.jackson.databind.node.ObjectNode answer);
    }

    /** This endpoint, its answers cached once the height {@code finalHeight} names is final. */
    public Endpoint cachedWhenFinal(FinalHeight finalHeight) {
        return new Endpoint(method, path, id, summary, params, handler, finalHeight);
    }

    public record Param(String name, boolean inPath, boolean required, String description) {
        public static Param path(String name, String description) {
            return new Param(name, true, true, description);
        }

        public static Param query(String name, String description) {
            return new Param(name, false, false, description);
        }
    }

    public static Endpoint get(String path, String id, String summary, ApiHandler handler, Param... params) {
        return new Endpoint("get", path, id, summary, List.of(params), handler, null);
    }

    public static Endpoint post(String path, String id, String summary, ApiHandler handler, Param... params) {
        return new Endpoint("post", path, id, summary, List.of(params), handler, null);
    }
}
