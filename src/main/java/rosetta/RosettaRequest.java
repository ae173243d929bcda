package rosetta;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reading a Rosetta request body strictly: a JSON object whose fields have the specification's
 * types; anything else is {@link RosettaError#INVALID_REQUEST} naming the field.
 */
public final class RosettaRequest {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RosettaRequest() {
    }

    /** The body as a JSON object. */
    public static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw RosettaError.INVALID_REQUEST.because("the body is empty; send the request object as JSON");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw RosettaError.INVALID_REQUEST.because("the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw RosettaError.INVALID_REQUEST.because("the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    static void requireObject(JsonNode node, String name) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw RosettaError.INVALID_REQUEST.because(name + " is required");
        }
        if (!node.isObject()) {
            throw RosettaError.INVALID_REQUEST.because(name + " must be an object");
        }
    }

    /** A required object field of {@code parent}. */
    static JsonNode object(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        requireObject(v, field);
        return v;
    }

    /** An optional object field: null when absent or null. */
    static JsonNode optionalObject(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        requireObject(v, field);
        return v;
    }

    static String requireText(JsonNode parent, String field, String within) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw RosettaError.INVALID_REQUEST.because(within + "." + field + " is required");
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw RosettaError.INVALID_REQUEST.because(within + "." + field + " must be a non-empty string");
        }
        return v.asText();
    }

    /** An optional string field: null when absent or null. */
    static String optionalText(JsonNode parent, String field, String within) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull() ? null : requireText(parent, field, within);
    }

    /** An optional non-negative int64 field: null when absent or null. */
    static Long optionalIndex(JsonNode parent, String field, String within) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw RosettaError.INVALID_REQUEST.because(within + "." + field + " must be an integer from 0 to 2^63-1");
        }
        return v.asLong();
    }

    /** A client's value in a message: at most 80 characters. */
    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
