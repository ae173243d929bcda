package replay;

/**
 * A JSON-RPC error as a Lotus node (go-jsonrpc) sends it. Errors raised by a method body carry
 * code 1 and travel with HTTP 200; protocol errors (unknown method, bad params, parse errors)
 * travel with HTTP 500, as go-jsonrpc does.
 */
final class RpcException extends RuntimeException {
    static final int METHOD_ERROR = 1;
    /** Lotus api.EActorNotFound (jsonrpc.FirstUserCode + 1). */
    static final int ACTOR_NOT_FOUND = 3;
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;

    private final int code;
    private final com.fasterxml.jackson.databind.JsonNode data;

    RpcException(int code, String message) {
        this(code, message, null);
    }

    /** With the error's {@code data} member (e.g. an EVM revert's return data), as an Ethereum node sends it. */
    RpcException(int code, String message, com.fasterxml.jackson.databind.JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    com.fasterxml.jackson.databind.JsonNode data() {
        return data;
    }

    static RpcException method(String message) {
        return new RpcException(METHOD_ERROR, message);
    }

    static RpcException invalidParams(String message) {
        return new RpcException(INVALID_PARAMS, message);
    }

    int code() {
        return code;
    }

    int httpStatus() {
        return code < 0 ? 500 : 200;
    }
}
