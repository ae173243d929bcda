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
    private static final int CLOSED = 9;

    private static final byte C_QUOTE = 1;
    private static final byte C_OPEN = 2;
    private static final byte C_CLOSE = 3;
    /** Byte classes that matter outside strings while skipping; everything else is 0. */
    private static final byte[] SKIP_CLASS = new byte[256];

    static {
        SKIP_CLASS['"'] = C_QUOTE;
        SKIP_CLASS['['] = C_OPEN;
        SKIP_CLASS['{'] = C_OPEN;
        SKIP_CLASS[']'] = C_CLOSE;
        SKIP_CLASS['}'] = C_CLOSE;
    }

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

    /**
     * Skips array content from {@code i}: depth is tracked outside strings only. One table lookup
     * per byte; the ordinary bytes (letters, digits, punctuation) fall straight through.
     */
    private int skip(byte[] b, int i, int to) {
        int s = state;
        int d = depth;
        int start = i;
        outer:
        while (i < to) {
            if (s == SKIP) {
                while (i < to) {
                    int cls = SKIP_CLASS[b[i++] & 0xFF];
                    if (cls == 0) {
                        continue;
                    }
                    if (cls == C_QUOTE) {
                        s = SKIP_STR;
                        continue outer;
                    }
                    if (cls == C_OPEN) {
                        d++;
                    } else if (--d == 0) {
                        s = CLOSED;
                        break outer;
                    }
                }
            } else if (s == SKIP_STR) {
                while (i < to) {
                    byte c = b[i++];
                    if (c == '"') {
                        s = SKIP;
                        continue outer;
                    }
                    if (c == '\\') {
                        s = SKIP_ESC;
                        continue outer;
                    }
                }
            } else {
                i++; // the escaped character
                s = SKIP_STR;
            }
        }
        skippedBytes += i - start;
        depth = d;
        state = s;
        return i;
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
                case SKIP, SKIP_STR, SKIP_ESC -> {
                    i = skip(b, i, to);
                    if (state == CLOSED) {
                        b[w++] = ']';
                        state = OUT;
                    }
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        return w;
    }
}
