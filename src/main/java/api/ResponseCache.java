package api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
                .build();
    }

    /** Runs the endpoint's handler, or answers from memory when the same request was answered with final data. */
    public void respond(Endpoint endpoint, Exchange exchange) {
        Message message = exchange.getMessage();
        Endpoint.FinalHeight finalHeight = endpoint.finalHeight();
        String key = finalHeight == null ? null : key(endpoint, message);
        Entry entry = key == null ? null : entries.getIfPresent(key);
        if (entry == null) {
            ApiRequest request = new ApiRequest(message);
            Object result = endpoint.handler().handle(request);
            if (key != null && result instanceof ObjectNode answer) {
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

    /**
     * The endpoint and the values of its declared parameters, whether they came in the path, the
     * query or a header: exactly what its handler reads, so equal keys mean equal answers.
     */
    private static String key(Endpoint endpoint, Message message) {
        StringBuilder key = new StringBuilder(endpoint.id());
        for (Endpoint.Param p : endpoint.params()) {
            Object value = message.getHeader(p.name());
            key.append('\n').append(p.name()).append('=').append(value == null ? "\u0000" : value.toString());
        }
        return key.toString();
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
