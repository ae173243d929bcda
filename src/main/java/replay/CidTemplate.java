package replay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recorded JSON bytes with the places where chosen CID (or address) strings occur. Writing it with a
 * replacement for each CID yields a new, equally long text: a synthetic height's StateCompute
 * is the recording streamed with its message CIDs swapped, without parsing or copying it.
 */
final class CidTemplate {
    private final byte[] bytes;
    private final int[] positions;
    private final int[] which;
    private final List<String> originals;

    /** Indexes the string values of {@code bytes} that are in {@code cids}. */
    CidTemplate(byte[] bytes, Set<String> cids) {
        this.bytes = bytes;
        List<String> found = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        List<int[]> at = new ArrayList<>();
        int len = cids.stream().mapToInt(String::length).max().orElse(0);
        boolean[] starts = new boolean[128];
        cids.forEach(c -> starts[c.charAt(0) & 127] = true);
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] != '"' || bytes[i + 1] < 0 || !starts[bytes[i + 1]]) {
                continue;
            }
            int end = i + 1;
            while (end < bytes.length && end - i <= len + 1 && bytes[end] != '"') {
                end++;
            }
            if (end >= bytes.length || bytes[end] != '"') {
                continue;
            }
            String s = new String(bytes, i + 1, end - i - 1, StandardCharsets.US_ASCII);
            if (cids.contains(s)) {
                int k = index.computeIfAbsent(s, x -> {
                    found.add(x);
                    return found.size() - 1;
                });
                at.add(new int[] {i + 1, k});
            }
            i = end;
        }
        this.originals = List.copyOf(found);
        this.positions = at.stream().mapToInt(a -> a[0]).toArray();
        this.which = at.stream().mapToInt(a -> a[1]).toArray();
    }

    /** The distinct CIDs found, in order of first occurrence; replacements are given in this order. */
    List<String> originals() {
        return originals;
    }

    /** Writes {@code [from, to)} of the text with each found CID replaced by the same-length string in {@code with}. */
    void write(OutputStream out, byte[][] with, int from, int to) throws IOException {
        int prev = from;
        int k = firstAtOrAfter(from);
        for (; k < positions.length && positions[k] < to; k++) {
            int p = positions[k];
            out.write(bytes, prev, p - prev);
            byte[] r = with[which[k]];
            out.write(r);
            prev = p + r.length;
        }
        out.write(bytes, prev, to - prev);
    }

    RpcBody body(byte[][] with, int from, int to) {
        return new RpcBody() {
            @Override
            public long length() {
                return to - from;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                write(out, with, from, to);
            }
        };
    }

    RpcBody body(byte[][] with) {
        return body(with, 0, bytes.length);
    }

    private int firstAtOrAfter(int from) {
        int lo = 0;
        int hi = positions.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (positions[mid] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
