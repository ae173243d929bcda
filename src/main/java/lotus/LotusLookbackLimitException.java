package lotus;

/** A gateway refused a height further back than its lookback limit ("lookbacks of more than ... are disallowed"). */
public class LotusLookbackLimitException extends LotusRpcException {
    public LotusLookbackLimitException(String method, long code, String rpcMessage) {
        super(method, code, rpcMessage);
    }

    @Override
    public String kind() {
        return "lookback_limit";
    }
}
