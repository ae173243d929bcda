package accounts;

import api.ApiException;
import api.ApiJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies of the accounts endpoints: a JSON object whose fields are checked for type, length and characters. */
final class Bodies {
    private Bodies() {
    }

    static ObjectNode object(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : ApiJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("INVALID_BODY", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("INVALID_BODY", "the body must be a JSON object");
        }
        return object;
    }

    /** A text field: absent or null gives null; anything but a string is a 400. */
    static String optionalText(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("INVALID_" + upper(field), field + " must be a string");
        }
        return v.asText();
    }

    /**
     * A line of text people read (a name): trimmed, 1 to {@code max} characters, no control or
     * format characters and no unpaired surrogates.
     */
    static String line(String field, String raw, int max) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("INVALID_" + upper(field), field + " is required");
        }
        String v = raw.strip();
        checkCharacters(field, v, max, false);
        return v;
    }

    /** Free text (a description): up to {@code max} characters, line breaks and tabs allowed, no other control characters. */
    static String text(String field, String raw, int max) {
        String v = raw == null ? "" : raw.strip();
        checkCharacters(field, v, max, true);
        return v;
    }

    private static void checkCharacters(String field, String v, int max, boolean multiline) {
        int length = v.codePointCount(0, v.length());
        if (length > max) {
            throw ApiException.badRequest("INVALID_" + upper(field), field + " is " + length + " characters; at most " + max);
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                i++;
                continue;
            }
            boolean allowedSpace = multiline && (ch == '\n' || ch == '\r' || ch == '\t');
            int type = Character.getType(ch);
            if (!allowedSpace && (Character.isISOControl(ch) || Character.isSurrogate(ch)
                    || type == Character.FORMAT && ch != '\u200d' || ch == '\u2028' || ch == '\u2029')) {
                throw ApiException.badRequest("INVALID_" + upper(field),
                        field + " has a control character or broken text at position " + i);
            }
        }
    }

    static String upper(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
