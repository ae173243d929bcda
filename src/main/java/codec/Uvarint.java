package codec;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 varints as used by multiformats (CIDs) and Filecoin addresses. */
public final class Uvarint {
    private Uvarint() {
    }

    /** A decoded value and the offset just after it. */
    public record Read(long value, int next) {
    }

    public static void write(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    public static byte[] encode(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        write(out, value);
        return out.toByteArray();
    }

    /**
     * Reads a minimally encoded varint of at most 9 bytes (63 bits), as go-varint does.
     *
     * @throws IllegalArgumentException when the input ends inside the varint, is not minimal, or overflows
     */
    public static Read read(byte[] in, int offset) {
        long value = 0;
        int shift = 0;
        for (int i = offset; i < in.length; i++) {
            int b = in[i] & 0xFF;
            if (shift == 63 || (shift == 56 && (b & 0x80) != 0)) {
                throw new IllegalArgumentException("varint overflows 63 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && i > offset) {
                    throw new IllegalArgumentException("varint not minimally encoded");
                }
                return new Read(value, i + 1);
            }
            shift += 7;
        }
        throw new IllegalArgumentException("varint ends before its last byte");
    }
}
