package codec;

/**
 * RFC 4648 base32, lower case, no padding: the alphabet of Filecoin addresses and multibase 'b' CIDs.
 * Decoding is strict: only the lower-case alphabet, a length that ends on whole bytes, and zero
 * trailing bits, so every byte string has exactly one text form.
 */
public final class Base32Lower {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    private Base32Lower() {
    }

    public static String encode(byte[] data) {
        char[] out = new char[(data.length * 8 + 4) / 5];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[o++] = ALPHABET[(buffer >>> bits) & 31];
            }
        }
        if (bits > 0) {
            out[o++] = ALPHABET[(buffer << (5 - bits)) & 31];
        }
        return new String(out, 0, o);
    }

    /** @throws IllegalArgumentException on characters outside the alphabet, an impossible length, or non-zero trailing bits */
    public static byte[] decode(String text) {
        int n = text.length();
        int rem = n % 8;
        if (rem == 1 || rem == 3 || rem == 6) {
            for (int i = 0; i < n; i++) {
                value(text, i); // report a bad character first, as it is the likelier mistake
            }
            throw new IllegalArgumentException("illegal base32 length " + n);
        }
        byte[] out = new byte[n * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (int i = 0; i < n; i++) {
            buffer = (buffer << 5) | value(text, i);
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[o++] = (byte) (buffer >>> bits);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("non-zero trailing bits in base32 text");
        }
        return out;
    }

    private static int value(String text, int i) {
        char c = text.charAt(i);
        int v = c < 128 ? VALUES[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("illegal base32 character '" + c + "' at " + i);
        }
        return v;
    }
}
