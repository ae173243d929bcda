package trace;

import java.io.InputStream;

/** Hands out one byte per read, to put every state of the gas-charge filter across a buffer boundary. */
final class OneByteAtATime extends InputStream {
    private final byte[] data;
    private int pos;

    OneByteAtATime(byte[] data) {
        this.data = data;
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
        b[off] = data[pos++];
        return 1;
    }
}
