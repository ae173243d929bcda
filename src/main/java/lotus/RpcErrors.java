package lotus;

import java.util.Locale;

/**
 * Maps a JSON-RPC error object to the typed exception callers act on. Lotus reports most
 * failures with a generic code and a Go error string, so the message text decides.
 */
final class RpcErrors {
    static final long METHOD_NOT_FOUND = -32601;

    private RpcErrors() {
    }

    /** An error object: an EVM revert when it carries return data as hex (as Lotus and Ethereum nodes send it). */
    static LotusRpcException classify(String method, com.fasterxml.jackson.databind.JsonNode error) {
        long code = error.path("code").asLong(0);
        String message = error.path("message").asText(error.toString());
        com.fasterxml.jackson.databind.JsonNode data = error.path("data");
        if (data.isTextual() && data.asText().matches("0x([0-9a-fA-F]{2})*")) {
            return new EthRevertException(method, code, message, EthHex.bytes(data.asText()));
        }
        return classify(method, code, message);
    }

    static LotusRpcException classify(String method, long code, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (code == METHOD_NOT_FOUND || m.contains("method not supported") || m.contains("not allowed")
                || m.contains("method not found") || m.contains("not available on this")) {
            return new LotusMethodNotAvailableException(method, code, message);
        }
        if (m.contains("lookbacks of more than")) {
            return new LotusLookbackLimitException(method, code, message);
        }
        if (m.contains("not found") || m.contains("could not find") || m.contains("cannot find")
                || m.contains("failed to find") || m.contains("no such") || m.contains("unknown tipset")) {
            return new LotusNotFoundException(method, code, message);
        }
        return new LotusRpcException(method, code, message);
    }
}
