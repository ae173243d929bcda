package accounts;

import api.ApiException;

/** Numeric ids in paths and queries (projects, keys, accounts). */
final class Ids {
    private Ids() {
    }

    static long parse(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("INVALID_" + Bodies.upper(name), name + " is required");
        }
        String v = raw.strip();
        if (!v.matches("[0-9]{1,18}") || Long.parseLong(v) == 0) {
            throw ApiException.badRequest("INVALID_" + Bodies.upper(name), name + " '" + api.RequestParams.shorten(v)
                    + "' is not an id (a positive whole number)");
        }
        return Long.parseLong(v);
    }
}
