package codec;

import java.util.Locale;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base32;

/** RFC 4648 base32, lower case, no padding: the alphabet of Filecoin addresses and multibase 'b' CIDs. */
public final class Base32Lower {
    private static final Base32 STRICT = new Base32(0, null, false, (byte) '=', CodecPolicy.STRICT);

    private Base32Lower() {
    }

    public static String encode(byte[] data) {
        String s = STRICT.encodeToString(data).toLowerCase(Locale.ROOT);
        int end = s.indexOf('=');
        return end < 0 ? s : s.substring(0, end);
    }

    /** @throws IllegalArgumentException on characters outside the alphabet, or non-zero trailing bits */
    public static byte[] decode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
                throw new IllegalArgumentException("illegal base32 character '" + c + "' at " + i);
            }
        }
        int rem = text.length() % 8;
        if (rem == 1 || rem == 3 || rem == 6) {
            throw new IllegalArgumentException("illegal base32 length " + text.length());
        }
        String padded = text.toUpperCase(Locale.ROOT) + "=".repeat(rem == 0 ? 0 : 8 - rem);
        return STRICT.decode(padded);
    }
}
