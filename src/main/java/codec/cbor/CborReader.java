package codec.cbor;

import codec.cid.Cid;
import codec.cid.InvalidCidException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A small strict DAG-CBOR decoder. Hand-written rather than Jackson's CBOR parser because we
 * need tag 42 (CIDs), the full unsigned/negative 64-bit integer range and raw byte strings,
 * and every malformation must surface as a {@link CborDecodingException} with an offset.
 */
final class CborReader {
    /** Deep enough for any actor params; shallow enough that hostile input can't blow the stack. */
    private static final int MAX_DEPTH = 256;
    private static final int TAG_CID = 42;

    private final byte[] in;
    private int pos;

    private CborReader(byte[] in) {
        this.in = in;
    }

    /** Decodes exactly one value spanning the whole input. */
    static Cbor decode(byte[] bytes) {
        DagCborJson.Prefix p = decodeFirst(bytes);
        if (p.length() != bytes.length) {
            throw new CborDecodingException((bytes.length - p.length()) + " trailing bytes after the CBOR value", p.length());
        }
        return p.value();
    }

    /** Decodes the first value and reports how many bytes it spans. */
    static DagCborJson.Prefix decodeFirst(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new CborDecodingException("empty input: no CBOR value");
        }
        CborReader r = new CborReader(bytes);
        Cbor value = r.read(0);
        return new DagCborJson.Prefix(value, r.pos);
    }

    private Cbor read(int depth) {
        if (depth > MAX_DEPTH) {
            throw new CborDecodingException("nesting deeper than " + MAX_DEPTH, pos);
        }
        int start = pos;
        int initial = u8();
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (info == 31) {
            throw new CborDecodingException("indefinite-length items are not allowed in DAG-CBOR", start);
        }
        switch (major) {
            case 0:
                return unsigned(argument(info, start));
            case 1:
                return negative(argument(info, start));
            case 2:
                return new Cbor.Bytes(take(length(info, start)));
            case 3:
                return new Cbor.Text(utf8(take(length(info, start)), start));
            case 4:
                return array(length(info, start), depth);
            case 5:
                return map(length(info, start), depth, start);
            case 6:
                return tagged(argument(info, start), depth, start);
            default:
                return simple(info, start);
        }
    }

    private Cbor array(int n, int depth) {
        List<Cbor> items = new ArrayList<>(Math.min(n, remaining()));
        for (int i = 0; i < n; i++) {
            items.add(read(depth + 1));
        }
        return new Cbor.Array(items);
    }

    private Cbor map(int n, int depth, int start) {
        LinkedHashMap<String, Cbor> entries = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int keyAt = pos;
            Cbor key = read(depth + 1);
            if (!(key instanceof Cbor.Text text)) {
                throw new CborDecodingException("map key is a " + key.kind() + "; DAG-CBOR map keys must be strings", keyAt);
            }
            if (entries.put(text.value(), read(depth + 1)) != null) {
                throw new CborDecodingException("duplicate map key '" + text.value() + "'", keyAt);
            }
        }
        return new Cbor.Map(entries);
    }

    private Cbor tagged(long tag, int depth, int start) {
        if (tag != TAG_CID) {
            throw new CborDecodingException("tag " + Long.toUnsignedString(tag) + " is not allowed in DAG-CBOR (only 42)", start);
        }
        Cbor payload = read(depth + 1);
        if (!(payload instanceof Cbor.Bytes b)) {
            throw new CborDecodingException("tag 42 must wrap a byte string, found a " + payload.kind(), start);
        }
        return new Cbor.Link(cidOf(b.value(), start));
    }

    /** A tag-42 payload: the multibase identity prefix 0x00 followed by the binary CID. */
    static Cid cidOf(byte[] payload, int at) {
        if (payload.length < 2 || payload[0] != 0) {
            throw new CborDecodingException("CID bytes must start with the 0x00 multibase prefix", at);
        }
        try {
            return Cid.fromBytes(Arrays.copyOfRange(payload, 1, payload.length));
        } catch (InvalidCidException e) {
            throw new CborDecodingException("invalid CID: " + e.getMessage(), at);
        }
    }

    private Cbor simple(int info, int start) {
        switch (info) {
            case 20:
                return new Cbor.Bool(false);
            case 21:
                return new Cbor.Bool(true);
            case 22:
            case 23:
                return Cbor.Null.INSTANCE;
            case 25:
                return new Cbor.Float(halfToDouble((u8() << 8) | u8()));
            case 26:
                return new Cbor.Float(java.lang.Float.intBitsToFloat((int) fixed(4)));
            case 27:
                return new Cbor.Float(Double.longBitsToDouble(fixed(8)));
            default:
                throw new CborDecodingException("unsupported simple value " + info, start);
        }
    }

    private static Cbor unsigned(long raw) {
        return raw >= 0 ? new Cbor.Int(raw) : new Cbor.BigInt(new BigInteger(Long.toUnsignedString(raw)));
    }

    /** Major type 1 encodes -1 - n. */
    private static Cbor negative(long raw) {
        if (raw >= 0) {
            return new Cbor.Int(-1 - raw);
        }
        BigInteger n = new BigInteger(Long.toUnsignedString(raw));
        return new Cbor.BigInt(BigInteger.ONE.negate().subtract(n));
    }

    private long argument(int info, int start) {
        if (info < 24) {
            return info;
        }
        return switch (info) {
            case 24 -> u8();
            case 25 -> fixed(2);
            case 26 -> fixed(4);
            case 27 -> fixed(8);
            default -> throw new CborDecodingException("reserved additional information " + info, start);
        };
    }

    /** A length argument, checked against the bytes actually left so a lying header fails fast. */
    private int length(int info, int start) {
        long n = argument(info, start);
        if (n < 0 || n > remaining()) {
            throw new CborDecodingException("declared length " + Long.toUnsignedString(n) + " exceeds the "
                    + remaining() + " bytes left", start);
        }
        return (int) n;
    }

    private long fixed(int n) {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (in[pos++] & 0xFF);
        }
        return v;
    }

    private int u8() {
        need(1);
        return in[pos++] & 0xFF;
    }

    private byte[] take(int n) {
        need(n);
        byte[] out = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return out;
    }

    private void need(int n) {
        if (remaining() < n) {
            throw new CborDecodingException("unexpected end of input: need " + n + " more bytes", pos);
        }
    }

    private int remaining() {
        return in.length - pos;
    }

    private static String utf8(byte[] b, int at) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new CborDecodingException("text string is not valid UTF-8", at);
        }
    }

    private static double halfToDouble(int h) {
        int exp = (h >> 10) & 0x1f;
        int mant = h & 0x3ff;
        double v = exp == 0 ? mant * Math.pow(2, -24)
                : exp == 31 ? (mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                : (mant + 1024) * Math.pow(2, exp - 25);
        return (h & 0x8000) != 0 ? -v : v;
    }
}
