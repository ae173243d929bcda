package lotus;

/** An Ethereum call that reverted: the node's error carries the revert's return data (e.g. {@code Error(string)}). */
public final class EthRevertException extends LotusRpcException {
    private final byte[] revertData;

    public EthRevertException(String method, long code, String rpcMessage, byte[] revertData) {
        super(method, code, rpcMessage);
        this.revertData = revertData.clone();
    }

    public byte[] revertData() {
        return revertData.clone();
    }
}
