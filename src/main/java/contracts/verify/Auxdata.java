package contracts.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Where solc's CBOR metadata ("auxdata") sits in compiled code: a CBOR map of text keys
 * ({@code ipfs}, {@code bzzr0}, {@code solc}, {@code experimental}) followed by its own length in
 * two big-endian bytes. It is found anywhere, not only at the end: creation code carries the
 * runtime's auxdata before the constructor's data, and a contract that deploys another carries
 * that one's too. Sourcify masks these ranges for a partial match.
 */
final class Auxdata {
    /** The keys solc writes; a map of anything else is not metadata. */
    private static final List<String> KEYS = List.of("ipfs", "bzzr0", "bzzr1", "solc", "experimental");

    private Auxdata() {
    }

    /** Half-open byte ranges {@code [start, end)} of every auxdata in {@code code}, the length bytes included. */
    static List<int[]> ranges(byte[] code) {
        List<int[]> found = new ArrayList<>();
        for (int i = 0; i < code.length; i++) {
            int b = code[i] & 0xFF;
            if (b < 0xA1 || b > 0xA5) {
                continue;
            }
            int end = mapEnd(code, i + 1, b - 0xA0);
            if (end > 0 && end + 2 <= code.length && (((code[end] & 0xFF) << 8) | (code[end + 1] & 0xFF)) == end - i) {
                found.add(new int[] {i, end + 2});
                i = end + 1;
            }
        }
        return found;
    }

    /** The offset after a map of {@code entries} solc-shaped entries starting at {@code at}, or -1. */
    private static int mapEnd(byte[] code, int at, int entries) {
        int p = at;
        for (int e = 0; e < entries; e++) {
            if (p >= code.length) {
                return -1;
            }
            int key = code[p] & 0xFF;
            if (key < 0x60 || key > 0x77) {   // a text key shorter than 24 bytes
                return -1;
            }
            int keyLength = key - 0x60;
            if (p + 1 + keyLength > code.length
                    || !KEYS.contains(new String(code, p + 1, keyLength, java.nio.charset.StandardCharsets.US_ASCII))) {
                return -1;
            }
            p = valueEnd(code, p + 1 + keyLength);
            if (p < 0) {
                return -1;
            }
        }
        return p;
    }

    /** After a byte string, text string, boolean or small unsigned integer at {@code at}; else -1. */
    private static int valueEnd(byte[] code, int at) {
        if (at >= code.length) {
            return -1;
        }
        int head = code[at] & 0xFF;
        int major = head >> 5;
        int info = head & 0x1F;
        if (head == 0xF4 || head == 0xF5) {
            return at + 1;
        }
        if (major == 0) {
            return info < 24 ? at + 1 : info == 24 ? at + 2 : -1;
        }
        if (major != 2 && major != 3) {
            return -1;
        }
        int length;
        int start;
        if (info < 24) {
            length = info;
            start = at + 1;
        } else if (info == 24 && at + 1 < code.length) {
            length = code[at + 1] & 0xFF;
            start = at + 2;
        } else {
            return -1;
        }
        return start + length <= code.length ? start + length : -1;
    }

    /** A copy of {@code code} with the given ranges zeroed (ranges past its end are cut). */
    static byte[] masked(byte[] code, List<int[]> ranges) {
        byte[] out = code.clone();
        for (int[] r : ranges) {
            for (int i = r[0]; i < Math.min(r[1], out.length); i++) {
                out[i] = 0;
            }
        }
        return out;
    }
}
