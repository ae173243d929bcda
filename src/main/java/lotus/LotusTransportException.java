package lotus;

/**
 * The request did not get a usable HTTP answer: connect failure, timeout, broken connection or an
 * HTTP status that carries no JSON-RPC answer. {@link #retryable()} says whether a retry may help.
 */
public class LotusTransportException extends LotusException {
    /** How far the exchange got: decides whether a retry is safe. */
    public enum Stage {
        /** No connection: the node never saw the request, a retry is always safe. */
        CONNECT,
        /** A gateway in front of the node said 502/503/504. */
        GATEWAY,
        /** Sent, then the answer timed out or broke off: safe to retry only for idempotent reads. */
        EXCHANGE,
        /** An answer that no retry will change (e.g. 401, 404, 413). */
        FINAL
    }

    private final Stage stage;
    private final int httpStatus;

    public LotusTransportException(String method, Stage stage, int httpStatus, String message, Throwable cause) {
        super(method, message, cause);
        this.stage = stage;
        this.httpStatus = httpStatus;
    }

    public Stage stage() {
        return stage;
    }

    /** The HTTP status, or 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String kind() {
        return "transport";
    }
}
