package lotus;

/** Any failure of a Lotus JSON-RPC call; {@link #kind()} is the metrics tag that names the subtype. */
public abstract class LotusException extends RuntimeException {
    private final String method;

    protected LotusException(String method, String message, Throwable cause) {
        super(method + ": " + message, cause);
        this.method = method;
    }

    /** The Lotus method without the {@code Filecoin.} namespace, e.g. {@code ChainHead}. */
    public String method() {
        return method;
    }

    /** Short, stable name of the failure kind, used as the {@code kind} tag of {@code lotus.rpc.errors}. */
    public abstract String kind();
}
