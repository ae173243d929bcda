package accounts;

import api.ApiException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An email address as accounts key it: trimmed, lower case, checked (no spaces or control characters: it goes into mail headers). */
public final class EmailAddress {
    static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private EmailAddress() {
    }

    /** The normalized address; 400 INVALID_EMAIL when {@code raw} is not one. */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("INVALID_EMAIL", "email is required");
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_LENGTH) {
            throw ApiException.badRequest("INVALID_EMAIL", "email is " + email.length() + " characters; at most " + MAX_LENGTH);
        }
        if (!SHAPE.matcher(email).matches() || email.contains("..") || email.startsWith(".")) {
            throw ApiException.badRequest("INVALID_EMAIL", "email is not an address such as name@example.org");
        }
        return email;
    }
}
