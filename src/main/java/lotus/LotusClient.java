package lotus;

import filflow.Redact;
import codec.address.AddressException;
import codec.cid.InvalidCidException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A typed Lotus JSON-RPC 2.0 client over HTTP POST. Thread-safe; one instance per node.
 * Transient failures (no connection, 502/503/504, a broken or timed-out exchange of an idempotent
 * read) are retried with exponential backoff; RPC errors never are. Once a {@link ResultReader}
 * has started on an answer the call is not retried, because the reader may have passed data on.
 */
public class LotusClient extends LotusMethods {
    private static final String NAMESPACE = "Filecoin.";

    private final LotusClientConfig config;
    private final HttpTransport transport;
    private final ObjectMapper mapper;
    private final RpcMetrics metrics;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();

    public LotusClient(LotusClientConfig config, MeterRegistry registry) {
        this(config, registry, Clock.systemUTC());
    }

    /** {@code clock} decides what "now" is for {@link #checkSync()}. */
    public LotusClient(LotusClientConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.transport = new HttpTransport(config);
        this.mapper = LotusJson.mapper(config.network());
        this.metrics = new RpcMetrics(registry);
        this.clock = clock;
    }

    public LotusClientConfig config() {
        return config;
    }

    /** The client's Jackson setup, for readers that bind parts of an answer themselves. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The current head, checked for freshness: throws {@link LotusOutOfSyncException} when its
     * timestamp is older than {@code lotus.sync-tolerance}.
     */
    public TipSet checkSync() {
        TipSet head = chainHead();
        Duration lag = Duration.between(Instant.ofEpochSecond(head.timestamp()), clock.instant());
        if (lag.compareTo(config.syncTolerance()) > 0) {
            LotusOutOfSyncException e = new LotusOutOfSyncException(head.height(), lag, config.syncTolerance());
            metrics.error("ChainHead", e.kind());
            throw e;
        }
        return head;
    }

    /**
     * Calls {@code method} (without namespace it is {@code Filecoin.<method>}; names with a dot,
     * e.g. {@code Replay.Reorg}, are sent as they are) and hands the {@code result} to {@code reader}.
     */
    @Override
    public <T> T call(String method, ResultReader<T> reader, Object... params) {
        return callFiltered(method, UnaryOperator.identity(), reader, params);
    }

    /**
     * As {@link #call}, with the HTTP body passed through {@code bodyFilter} before parsing, e.g. a
     * byte-level filter that drops gas charges so the parser never tokenises them.
     */
    @Override
    public <T> T callFiltered(String method, UnaryOperator<InputStream> bodyFilter, ResultReader<T> reader, Object... params) {
        long id = ids.incrementAndGet();
        byte[] request = encode(method, id, params);
        Timer.Sample sample = Timer.start();
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    return attempt(method, id, request, bodyFilter, reader);
                } catch (LotusTransportException e) {
                    if (attempt >= config.maxRetries() || !retryable(method, e)) {
                        throw e;
                    }
                    metrics.retry(method);
                    pause(method, attempt);
                }
            }
        } catch (LotusException e) {
            metrics.error(method, e.kind());
            throw e;
        } finally {
            sample.stop(metrics.latency(method));
        }
    }

    private byte[] encode(String method, long id, Object[] params) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("method", method.indexOf('.') >= 0 ? method : NAMESPACE + method);
        request.put("params", params == null ? new Object[0] : params);
        request.put("id", id);
        try {
            return mapper.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(method + ": parameters cannot be written as JSON", e);
        }
    }

    /** Streaming state of one attempt: whether the caller's reader has seen any of the answer. */
    private static final class Attempt {
        boolean readerStarted;
    }

    private <T> T attempt(String method, long id, byte[] request, UnaryOperator<InputStream> bodyFilter,
                          ResultReader<T> reader) {
        HttpTransport.Answer answer = transport.post(method, request);
        int status = answer.status();
        if (status == 502 || status == 503 || status == 504) {
            closeQuietly(answer);
            throw new LotusTransportException(method, LotusTransportException.Stage.GATEWAY, status,
                    "HTTP " + status + " from " + Redact.url(config.url().toString()), null);
        }
        if (status != 200) {
            throw unexpectedStatus(method, answer);
        }
        Attempt state = new Attempt();
        boolean clean = false;
        try {
            T result = parse(method, id, bodyFilter.apply(answer.body()), reader, state);
            clean = true;
            return result;
        } catch (LotusRpcException e) {
            clean = true;
            throw e;
        } catch (JsonProcessingException | InvalidCidException | AddressException e) {
            throw new LotusProtocolException(method, "malformed answer: " + e.getMessage(), e);
        } catch (IOException e) {
            LotusTransportException.Stage stage = state.readerStarted
                    ? LotusTransportException.Stage.FINAL : LotusTransportException.Stage.EXCHANGE;
            throw new LotusTransportException(method, stage, status, "answer broke off: " + e, e);
        } finally {
            if (clean) {
                closeQuietly(answer);
            } else {
                answer.abort();
            }
        }
    }

    private <T> T parse(String method, long id, InputStream body, ResultReader<T> reader, Attempt state)
            throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new LotusProtocolException(method, "answer is not a JSON-RPC object", null);
            }
            JsonStreamContext envelope = p.getParsingContext();
            T result = null;
            boolean hasResult = false;
            JsonNode error = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("result".equals(name)) {
                    state.readerStarted = true;
                    result = reader.read(p);
                    skipRest(p, envelope);
                    hasResult = true;
                } else if ("error".equals(name)) {
                    error = p.readValueAsTree();
                } else if ("id".equals(name) && p.currentToken().isScalarValue() && !Long.toString(id).equals(p.getText())) {
                    throw new LotusProtocolException(method, "answer to request " + p.getText() + ", expected " + id, null);
                } else {
                    p.skipChildren();
                }
            }
            if (error != null && !error.isNull()) {
                throw RpcErrors.classify(method, error);
            }
            if (!hasResult) {
                throw new LotusProtocolException(method, "answer has neither result nor error", null);
            }
            return result;
        }
    }

    /** Moves past whatever of the result value a reader left unread. */
    private static void skipRest(JsonParser p, JsonStreamContext envelope) throws IOException {
        while (p.getParsingContext() != envelope) {
            if (p.nextToken() == null) {
                throw new IOException("answer ended inside the result");
            }
        }
    }

    /** A non-200 answer: a JSON-RPC error if the body holds one, otherwise a final transport failure. */
    private LotusException unexpectedStatus(String method, HttpTransport.Answer answer) {
        int status = answer.status();
        byte[] head;
        try (answer) {
            head = answer.body().readNBytes(64 * 1024);
        } catch (IOException e) {
            head = new byte[0];
        }
        try {
            JsonNode error = mapper.readTree(head).path("error");
            if (error.isObject()) {
                return RpcErrors.classify(method, error);
            }
        } catch (IOException notJson) {
            // fall through: a proxy's HTML or text page
        }
        String text = new String(head, 0, Math.min(head.length, 200), StandardCharsets.UTF_8).strip();
        String hint = status == 401 || status == 403 ? " (check lotus.token)" : "";
        return new LotusTransportException(method, LotusTransportException.Stage.FINAL, status,
                "HTTP " + status + hint + (text.isEmpty() ? "" : ": " + text), null);
    }

    private static boolean retryable(String method, LotusTransportException e) {
        return switch (e.stage()) {
            case CONNECT, GATEWAY -> true;
            case EXCHANGE -> idempotent(method);
            case FINAL -> false;
        };
    }

    /** Everything this client reads is idempotent; sending messages or driving a replay node is not. */
    static boolean idempotent(String method) {
        return !(method.startsWith("Mpool") || method.startsWith("Wallet") || method.startsWith("EthSend")
                || method.startsWith("Replay."));
    }

    private void pause(String method, int attempt) {
        long initial = config.backoffInitial().toMillis();
        long delay = Math.min(config.backoffMax().toMillis(), initial << Math.min(attempt, 30));
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LotusTransportException(method, LotusTransportException.Stage.FINAL, 0,
                    "interrupted while waiting to retry", e);
        }
    }

    private static void closeQuietly(HttpTransport.Answer answer) {
        try {
            answer.close();
        } catch (IOException e) {
            answer.abort();
        }
    }
}
