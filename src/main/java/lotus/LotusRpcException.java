package lotus;

/** The node answered with a JSON-RPC error object. Subclasses name the errors callers act on. */
public class LotusRpcException extends LotusException {
    private final long code;
    private final String rpcMessage;

    public LotusRpcException(String method, long code, String rpcMessage) {
        super(method, "RPC error " + code + ": " + rpcMessage, null);
        this.code = code;
        this.rpcMessage = rpcMessage;
    }

    public long code() {
        return code;
    }

    /** The error message exactly as the node sent it. */
    public String rpcMessage() {
        return rpcMessage;
    }

    @Override
    public String kind() {
        return "rpc";
    }
}
