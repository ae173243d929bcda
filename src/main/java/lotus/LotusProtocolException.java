package lotus;

/** The answer was not a well-formed JSON-RPC response, or its result did not have the expected shape. */
public class LotusProtocolException extends LotusException {
    public LotusProtocolException(String method, String message, Throwable cause) {
        super(method, message, cause);
    }

    @Override
    public String kind() {
        return "protocol";
    }
}
