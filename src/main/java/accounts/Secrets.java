package accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets accounts hand out (sign-in links, codes, session tokens, API keys), made from
 * {@link SecureRandom}, and the SHA-256 hashes that are all PostgreSQL ever keeps of them.
 */
public final class Secrets {
    /** Prefix of session tokens; API keys start with {@link #KEY_PREFIX}. */
    public static final String SESSION_PREFIX = "ffs_";
    public static final String KEY_PREFIX = "ffk_";
    public static final String LINK_PREFIX = "ffl_";
    private static final int TOKEN_BYTES = 32;   // 256 bits
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A new random token, URL-safe: {@code prefix} + 43 base64url characters. */
    public static String token(String prefix) {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A 6-digit code, each of the 10^6 values equally likely. */
    public static String code() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code's hash, salted with the hash of the link it was mailed with (so equal codes hash apart). */
    public static String codeHash(String tokenHash, String code) {
        return sha256(tokenHash + ":" + code);
    }
}
