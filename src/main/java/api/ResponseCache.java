package api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Answers of final chain data, kept in memory: a tipset, block or message (with its sub-calls and
 * events) at a height {@link Finality} calls final never changes, so its answer is computed once,
 * served from memory after that, and sent with an {@code ETag} and
 * {@code Cache-Control: immutable}; a client that sends the ETag back in {@code If-None-Match}
 * gets a 304 without a body. Only 200 answers are kept; bounded by the bytes of the bodies.
 */
public final class ResponseCache {
    /** One year, the longest {@code max-age} caches honour, and {@code immutable}: never revalidate. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final Cache<String, Entry> entries;
    private final Finality finality;

    record Entry(byte[] body, String etag) {
    }

    public ResponseCache(Finality finality, long maxBytes) {
        this.finality = finality;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maxBytes))
                .weigher((String key, Entry e) -> e.body().length + 2 * key.length() + 64)
                .recordStats()
                .build();
    }

    /** The answers kept, for their hit rate (observe.ObserveConfiguration). */
    public Cache<?, ?> entries() {
        return entries;
    }

    /** The height whose finality makes an answer immutable (null: the answer may change). */
    @FunctionalInterface
    public interface FinalHeight {
        Long of(ApiRequest request, ObjectNode answer);
    }

    /**
     * What a handler bean method does for an endpoint whose answers can become final: answers
     * from memory when the same request ({@code id} and the values of {@code params}, whether
     * they came in the path, the query or a header: exactly what the handler reads) was answered
     * with final data, else runs the handler and keeps its answer if {@code finalHeight} is final.
     */
    public void answer(Exchange exchange, String id, List<String> params, FinalHeight finalHeight, ApiHandler handler) {
        Message message = exchange.getMessage();
        String key = key(id, params, message);
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            ApiRequest request = new ApiRequest(message);
            Object result = handler.handle(request);
            if (result instanceof ObjectNode answer) {
                Long height = finalHeight.of(request, answer);
                if (height != null && finality.isFinal(height)) {
                    byte[] body = ApiJson.write(answer);
                    entry = new Entry(body, etag(body));
                    entries.put(key, entry);
                }
            }
            if (entry == null) {
                ApiResponses.ok(exchange, result);
                return;
            }
        }
        String ifNoneMatch = message.getHeader("If-None-Match", String.class);
        ApiResponses.immutable(exchange, entry.body(), entry.etag(), IMMUTABLE,
                ifNoneMatch != null && ifNoneMatch.contains(entry.etag()));
    }

    long size() {
        return entries.estimatedSize();
    }

    private static String key(String id, List<String> params, Message message) {
        StringBuilder key = new StringBuilder(id);
        for (String name : params) {
            Object value = message.getHeader(name);
            key.append('\n').append(name).append('=').append(value == null ? "\u0000" : value.toString());
        }
        return key.toString();
    }

    /** The answer's own height (tipset, block, message, sub-calls, events). */
    public static Long heightField(ApiRequest request, ObjectNode answer) {
        var h = answer.get("height");
        return h != null && h.canConvertToLong() ? h.asLong() : null;
    }

    /**
     * A page of the messages of one height or one block: fixed once the height is final. Lists by
     * address or method grow with every new height, so they are never cached.
     */
    public static Long listInOneHeight(ApiRequest request, ObjectNode answer) {
        if (RequestParams.isAbsent(request.param("height")) && RequestParams.isAbsent(request.param("block"))) {
            return null;
        }
        Long highest = null;
        for (var item : answer.path("items")) {
            long h = item.path("height").asLong();
            highest = highest == null ? h : Math.max(highest, h);
        }
        return highest;
    }

    /** A search that found a tipset, block or message: the match's height (addresses and contracts change). */
    public static Long searchMatchHeight(ApiRequest request, ObjectNode answer) {
        String kind = answer.path("kind").asText();
        if (!kind.equals("tipset") && !kind.equals("block") && !kind.equals("message")) {
            return null;
        }
        var h = answer.path(kind).get("height");
        return h != null && h.canConvertToLong() ? h.asLong() : null;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + HexFormat.of().formatHex(digest, 0, 12) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
