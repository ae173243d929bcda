package api;

import codec.cid.Cid;
import codec.cid.InvalidCidException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validates the raw strings of path and query parameters; every failure is a 400 naming the parameter. */
public final class RequestParams {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 1000;
    private static final int MAX_CID_LENGTH = 128;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final Pattern ETH_HASH = Pattern.compile("0[xX][0-9a-fA-F]{64}");

    private RequestParams() {
    }

    /** A chain height: a decimal integer from 0 to 10^18-1 (far beyond any epoch, so no overflow). */
    public static long height(String name, String raw) {
        String v = required(name, raw);
        if (!DIGITS.matcher(v).matches()) {
            throw ApiException.badRequest("INVALID_HEIGHT",
                    name + " must be a non-negative decimal integer of at most 18 digits, got '" + shorten(v) + "'");
        }
        return Long.parseLong(v);
    }

    public static Long optionalHeight(String name, String raw) {
        return isAbsent(raw) ? null : height(name, raw);
    }

    public static Cid cid(String name, String raw) {
        String v = required(name, raw);
        if (v.length() > MAX_CID_LENGTH) {
            throw ApiException.badRequest("INVALID_CID", name + " is too long to be a CID (" + v.length() + " characters)");
        }
        try {
            return Cid.parse(v);
        } catch (InvalidCidException e) {
            throw ApiException.badRequest("INVALID_CID", name + " is not a valid CID: " + e.getMessage());
        }
    }

    public static boolean isEthHash(String raw) {
        return raw != null && ETH_HASH.matcher(raw).matches();
    }

    /** A 32-byte Ethereum hash in lower case. */
    public static String ethHash(String raw) {
        return raw.toLowerCase(Locale.ROOT);
    }

    public static int limit(String raw) {
        if (isAbsent(raw)) {
            return DEFAULT_LIMIT;
        }
        if (!raw.matches("[0-9]{1,9}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > MAX_LIMIT) {
            throw ApiException.badRequest("INVALID_LIMIT",
                    "limit must be an integer from 1 to " + MAX_LIMIT + ", got '" + shorten(raw) + "'");
        }
        return Integer.parseInt(raw);
    }

    public static boolean bool(String name, String raw, boolean fallback) {
        if (isAbsent(raw)) {
            return fallback;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("INVALID_PARAMETER", name + " must be true or false, got '" + shorten(raw) + "'");
        };
    }

    /** A method number: a decimal integer from 0 to 2^63-1. */
    public static long methodNumber(String raw) {
        if (!DIGITS.matcher(raw).matches()) {
            throw ApiException.badRequest("INVALID_PARAMETER",
                    "method must be a non-negative decimal method number, got '" + shorten(raw) + "'");
        }
        return Long.parseLong(raw);
    }

    public static String required(String name, String raw) {
        if (isAbsent(raw)) {
            throw ApiException.badRequest("MISSING_PARAMETER", name + " is required");
        }
        return raw.trim();
    }

    public static boolean isAbsent(String raw) {
        return raw == null || raw.isBlank();
    }

    /** Echoes user input in messages without letting a huge value flood the response. */
    public static String shorten(String raw) {
        return raw.length() <= 80 ? raw : raw.substring(0, 77) + "...";
    }
}
