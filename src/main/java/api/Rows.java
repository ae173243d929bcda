package api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading fields of a JSONEachRow row (64-bit and wider integers arrive quoted) into answer fields. */
final class Rows {
    private Rows() {
    }

    static String text(ObjectNode row, String column) {
        JsonNode v = row.get(column);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A text column where '' means unknown. */
    static String optionalText(ObjectNode row, String column) {
        String v = text(row, column);
        return v == null || v.isEmpty() ? null : v;
    }

    static long number(ObjectNode row, String column) {
        JsonNode v = row.get(column);
        return v == null || v.isNull() ? 0 : Long.parseLong(v.asText());
    }

    static Long optionalNumber(ObjectNode row, String column) {
        JsonNode v = row.get(column);
        return v == null || v.isNull() ? null : Long.parseLong(v.asText());
    }

    static boolean flag(ObjectNode row, String column) {
        return number(row, column) != 0;
    }

    /** A column holding JSON text ('' when there is none). */
    static JsonNode json(ObjectNode row, String column) {
        String v = optionalText(row, column);
        if (v == null) {
            return null;
        }
        try {
            return ApiJson.MAPPER.readTree(v);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Copies a number column as a JSON number, a money column as a decimal string. */
    static void putNumber(ObjectNode out, String field, ObjectNode row, String column) {
        Long v = optionalNumber(row, column);
        if (v != null) {
            out.put(field, v);
        }
    }

    static void putAmount(ObjectNode out, String field, ObjectNode row, String column) {
        String v = text(row, column);
        if (v != null) {
            out.put(field, v);
        }
    }

    static void putText(ObjectNode out, String field, ObjectNode row, String column) {
        String v = optionalText(row, column);
        if (v != null) {
            out.put(field, v);
        }
    }

    static void putJson(ObjectNode out, String field, ObjectNode row, String column) {
        JsonNode v = json(row, column);
        if (v != null) {
            out.set(field, v);
        }
    }
}
