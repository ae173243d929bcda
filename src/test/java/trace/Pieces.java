package trace;

import java.io.InputStream;
import java.util.Random;
import java.util.function.IntSupplier;

/** Hands out its bytes in pieces of a chosen length, to put every state of a stream reader across a buffer boundary. */
final class Pieces extends InputStream {
    private final byte[] data;
    private final IntSupplier pieceLength;
    private int pos;

    private Pieces(byte[] data, IntSupplier pieceLength) {
        this.data = data;
        this.pieceLength = pieceLength;
    }

    /** One byte per read. */
    static Pieces oneByteAtATime(byte[] data) {
        return new Pieces(data, () -> 1);
    }

    /** Pieces of 1 to 40 bytes, so word-sized reads meet every boundary too. */
    static Pieces random(byte[] data, Random random) {
        return new Pieces(data, () -> 1 + random.nextInt(40));
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, data.length - pos), pieceLength.getAsInt());
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
