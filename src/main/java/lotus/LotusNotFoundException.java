package lotus;

/** The node does not have what was asked for: actor, tipset, block, message or address mapping. */
public class LotusNotFoundException extends LotusRpcException {
    public LotusNotFoundException(String method, long code, String rpcMessage) {
        super(method, code, rpcMessage);
    }

    @Override
    public String kind() {
        return "not_found";
    }
}
