package replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;

/** The positional params of one JSON-RPC call, read the way Lotus reads them (missing trailing params are null). */
final class RpcParams {
    private final String method;
    private final JsonNode array;

    RpcParams(String method, JsonNode array) {
        this.method = method;
        this.array = array == null || array.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .arrayNode() : array;
        if (!this.array.isArray()) {
            throw new RpcException(RpcException.PARSE_ERROR, "unmarshaling param array: params must be an array");
        }
    }

    /** go-jsonrpc's check: more params than the method takes is an error. */
    RpcParams atMost(int count) {
        if (array.size() > count) {
            throw RpcException.invalidParams("wrong param count (method '" + method + "'): " + array.size() + " != " + count);
        }
        return this;
    }

    JsonNode get(int i) {
        return i < array.size() ? array.get(i) : NullNode.instance;
    }

    long height(int i) {
        JsonNode n = get(i);
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
            throw parseError(i, "a non-negative epoch number");
        }
        return n.asLong();
    }

    int integer(int i) {
        JsonNode n = get(i);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw parseError(i, "an integer");
        }
        return n.asInt();
    }

    String text(int i) {
        JsonNode n = get(i);
        if (!n.isTextual()) {
            throw parseError(i, "a string");
        }
        return n.asText();
    }

    /** A CID param: {@code {"/": "bafy…"}}. */
    String cid(int i) {
        return cid(get(i), i);
    }

    /** A tipset key param: an array of CIDs, or null/empty for the head. */
    List<String> tipSetKey(int i) {
        JsonNode n = get(i);
        List<String> out = new ArrayList<>();
        if (n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw parseError(i, "a tipset key (array of CIDs)");
        }
        for (JsonNode c : n) {
            out.add(cid(c, i));
        }
        return out;
    }

    private String cid(JsonNode n, int i) {
        JsonNode s = n.path("/");
        if (!s.isTextual()) {
            throw parseError(i, "a CID {\"/\": \"…\"}");
        }
        try {
            return codec.cid.Cid.parse(s.asText()).toString();
        } catch (codec.cid.InvalidCidException e) {
            throw new RpcException(RpcException.PARSE_ERROR, "unmarshaling params for '" + method + "' (param: " + i
                    + "): " + e.getMessage());
        }
    }

    private RpcException parseError(int i, String expected) {
        return new RpcException(RpcException.PARSE_ERROR, "unmarshaling params for '" + method + "' (param: " + i
                + "): expected " + expected + ", got " + get(i));
    }
}
