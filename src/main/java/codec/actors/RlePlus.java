package codec.actors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * RLE+ bitfields (sector numbers, partitions) as the sorted list of set positions. Bits are read
 * least-significant first; after a 2-bit version (0) and the value of the first run, each run
 * length is "1" (one), "01"+4 bits, or "00"+LEB128 varint. Runs alternate between unset and set.
 */
final class RlePlus {
    /** Enough for any real sector bitfield; a hostile "all sectors" run would otherwise fill memory. */
    private static final long MAX_SET_BITS = 1_000_000;

    private final byte[] in;
    private final int lastSetBit;
    private int bit;

    private RlePlus(byte[] in) {
        this.in = in;
        int last = -1;
        for (int i = in.length * 8 - 1; i >= 0 && last < 0; i--) {
            if (((in[i >>> 3] >>> (i & 7)) & 1) != 0) {
                last = i;
            }
        }
        this.lastSetBit = last;
    }

    static JsonNode decode(byte[] bytes) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (bytes.length == 0) {
            return out;
        }
        RlePlus r = new RlePlus(bytes);
        if (r.bits(2) != 0) {
            throw new SchemaMismatch("unsupported RLE+ version");
        }
        boolean set = r.bits(1) == 1;
        long position = 0;
        long count = 0;
        while (r.moreSetBits()) {
            long run = r.runLength();
            if (set) {
                count += run;
                if (count > MAX_SET_BITS) {
                    throw new SchemaMismatch("bitfield sets more than " + MAX_SET_BITS + " positions");
                }
                for (long i = 0; i < run; i++) {
                    out.add(position + i);
                }
            }
            position += run;
            if (position < 0) {
                throw new SchemaMismatch("bitfield runs overflow");
            }
            set = !set;
        }
        return out;
    }

    private long runLength() {
        if (bits(1) == 1) {
            return 1;
        }
        if (bits(1) == 1) {
            return bits(4);
        }
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            long b = bits(8);
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value == 0) {
                    throw new SchemaMismatch("RLE+ run of length zero");
                }
                return value;
            }
        }
        throw new SchemaMismatch("RLE+ varint too long");
    }

    /** Encoders drop trailing zero bytes, so bits past the end read as zero. */
    private long bits(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            if (bit < in.length * 8) {
                v |= (long) ((in[bit >>> 3] >>> (bit & 7)) & 1) << i;
            }
            bit++;
        }
        return v;
    }

    /** The encoder pads the last byte with zeros; only zeros left means the bitfield is over. */
    private boolean moreSetBits() {
        return bit <= lastSetBit;
    }
}
