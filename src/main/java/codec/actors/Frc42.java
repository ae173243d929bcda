package codec.actors;

import codec.Blake2b;
import java.nio.charset.StandardCharsets;

/**
 * FRC-0042 method numbers: BLAKE2b-512 of "1|" + name, read as big-endian 4-byte chunks; the first
 * chunk ≥ 2^24 is the number (numbers below are reserved for builtin methods).
 */
public final class Frc42 {
    private static final long MIN = 1L << 24;

    private Frc42() {
    }

    public static long methodNumber(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("method name must not be empty");
        }
        byte[] digest = Blake2b.hash(("1|" + name).getBytes(StandardCharsets.UTF_8), 64);
        for (int i = 0; i + 4 <= digest.length; i += 4) {
            long n = ((digest[i] & 0xFFL) << 24) | ((digest[i + 1] & 0xFFL) << 16) | ((digest[i + 2] & 0xFFL) << 8)
                    | (digest[i + 3] & 0xFFL);
            if (n >= MIN) {
                return n;
            }
        }
        throw new IllegalStateException("no FRC-42 number in the digest of '" + name + "'");
    }
}
