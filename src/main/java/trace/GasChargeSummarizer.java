package trace;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Removes the contents of every {@code "GasCharges": [...]} array at byte level, so the JSON parser
 * never tokenises them: a mainnet trace is 15–19 MB and mostly gas charges. The output is the
 * same JSON with each such array emptied ({@code "GasCharges":[]}). Strings are tracked, so the
 * key is recognised only as a key and brackets inside strings do not count.
 *
 * <p>Filtering happens in place in the caller's buffer: output never exceeds input.
 */
public final class GasChargeSummarizer extends FilterInputStream {
    private static final byte[] KEY = "GasCharges\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final int OUT = 0;
    private static final int STR = 1;
    private static final int STR_ESC = 2;
    private static final int KEY_MATCH = 3;
    private static final int AFTER_KEY = 4;
    private static final int AFTER_COLON = 5;
    private static final int SKIP = 6;
    private static final int SKIP_STR = 7;
    private static final int SKIP_ESC = 8;

    private int state = OUT;
    private int matched;
    private int depth;
    private long skippedBytes;

    public GasChargeSummarizer(InputStream in) {
        super(in);
    }

    /** Bytes of gas-charge arrays dropped so far. */
    public long skippedBytes() {
        return skippedBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = in.read(b, off, len);
            if (n < 0) {
                return -1;
            }
            int out = filter(b, off, off + n);
            if (out > off) {
                return out - off;
            }
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Filters b[from, to) in place; returns the end of the output. */
    private int filter(byte[] b, int from, int to) {
        int w = from;
        int i = from;
        while (i < to) {
            switch (state) {
                case OUT -> {
                    // fast path: copy until a string starts
                    while (i < to && b[i] != '"') {
                        b[w++] = b[i++];
                    }
                    if (i < to) {
                        b[w++] = b[i++];
                        state = KEY_MATCH;
                        matched = 0;
                    }
                }
                case STR -> {
                    while (i < to) {
                        byte c = b[i];
                        if (c == '"' || c == '\\') {
                            break;
                        }
                        b[w++] = c;
                        i++;
                    }
                    if (i < to) {
                        byte c = b[i++];
                        b[w++] = c;
                        state = c == '"' ? OUT : STR_ESC;
                    }
                }
                case STR_ESC -> {
                    b[w++] = b[i++];
                    state = STR;
                }
                case KEY_MATCH -> {
                    byte c = b[i];
                    if (c == KEY[matched]) {
                        b[w++] = c;
                        i++;
                        if (++matched == KEY.length) {
                            state = AFTER_KEY;
                        }
                    } else {
                        state = STR; // an ordinary string: re-examine this byte as string content
                    }
                }
                case AFTER_KEY, AFTER_COLON -> {
                    byte c = b[i];
                    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                        b[w++] = c;
                        i++;
                    } else if (state == AFTER_KEY && c == ':') {
                        b[w++] = c;
                        i++;
                        state = AFTER_COLON;
                    } else if (state == AFTER_COLON && c == '[') {
                        b[w++] = c;
                        i++;
                        depth = 1;
                        state = SKIP;
                    } else {
                        state = OUT; // not a key with an array value (null, or a string value)
                    }
                }
                case SKIP -> {
                    int start = i;
                    while (i < to && state == SKIP) {
                        byte c = b[i++];
                        if (c == '"') {
                            state = SKIP_STR;
                        } else if (c == '[' || c == '{') {
                            depth++;
                        } else if (c == ']' || c == '}') {
                            if (--depth == 0) {
                                b[w++] = ']';
                                state = OUT;
                            }
                        }
                    }
                    skippedBytes += i - start;
                }
                case SKIP_STR -> {
                    int start = i;
                    while (i < to) {
                        byte c = b[i++];
                        if (c == '"') {
                            state = SKIP;
                            break;
                        }
                        if (c == '\\') {
                            state = SKIP_ESC;
                            break;
                        }
                    }
                    skippedBytes += i - start;
                }
                case SKIP_ESC -> {
                    i++;
                    skippedBytes++;
                    state = SKIP_STR;
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        return w;
    }
}
