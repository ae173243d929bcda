package lotus;

/**
 * This endpoint does not offer the method: JSON-RPC -32601, or a gateway refusing it (public
 * gateways have no {@code StateCompute}). Point the indexer at a full node instead.
 */
public class LotusMethodNotAvailableException extends LotusRpcException {
    public LotusMethodNotAvailableException(String method, long code, String rpcMessage) {
        super(method, code, rpcMessage);
    }

    @Override
    public String kind() {
        return "method_not_available";
    }
}
