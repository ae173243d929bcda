package api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code cursor} of a list: the sort key of the last item returned (keyset
 * pagination, so a deep page costs one range scan), tagged with the list it belongs to.
 * Encoded as base64url of a JSON array of strings; decoding checks everything a client could break.
 */
public final class Cursor {
    private static final int MAX_LENGTH = 512;

    private final String list;
    private final List<String> keys;

    private Cursor(String list, List<String> keys) {
        this.list = list;
        this.keys = keys;
    }

    public static String encode(String list, Object... keys) {
        var array = ApiJson.MAPPER.createArrayNode().add(list);
        for (Object k : keys) {
            array.add(String.valueOf(k));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ApiJson.write(array));
    }

    /** Decodes a cursor issued for {@code list} with {@code arity} keys; null when absent. */
    public static Cursor decode(String raw, String list, int arity) {
        if (RequestParams.isAbsent(raw)) {
            return null;
        }
        if (raw.length() > MAX_LENGTH) {
            throw invalid("cursor is longer than " + MAX_LENGTH + " characters");
        }
        JsonNode node;
        try {
            node = ApiJson.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid("cursor is not one this API issued");
        }
        if (node == null || !node.isArray() || node.size() != arity + 1 || !list.equals(node.get(0).asText())) {
            throw invalid("cursor belongs to another list or is damaged");
        }
        List<String> keys = new ArrayList<>(arity);
        for (int i = 1; i <= arity; i++) {
            if (!node.get(i).isTextual()) {
                throw invalid("cursor is damaged");
            }
            keys.add(node.get(i).asText());
        }
        return new Cursor(list, keys);
    }

    public String text(int i) {
        return keys.get(i);
    }

    public long number(int i) {
        String v = keys.get(i);
        if (!v.matches("-?[0-9]{1,18}")) {
            throw invalid("cursor is damaged");
        }
        return Long.parseLong(v);
    }

    public String list() {
        return list;
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("INVALID_CURSOR", message + "; pass the nextCursor of a previous answer unchanged");
    }
}
