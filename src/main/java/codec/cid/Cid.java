package codec.cid;

import codec.Base32Lower;
import codec.Base58;
import codec.Blake2b;
import codec.Uvarint;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A content identifier (CIDv0 or CIDv1), held in its binary form. Filecoin uses CIDv1 with
 * DAG-CBOR (blocks, messages) or raw (actor code) content and a BLAKE2b-256 multihash; the
 * string form is multibase base32 ("bafy…", "bafk…").
 */
public final class Cid implements Comparable<Cid> {
    public static final long DAG_PB = 0x70;
    public static final long DAG_CBOR = 0x71;
    public static final long RAW = 0x55;
    public static final long IDENTITY = 0x00;
    public static final long SHA2_256 = 0x12;
    public static final long BLAKE2B_256 = 0xb220;

    private final byte[] bytes;
    private final int version;
    private final long codec;
    private final long multihashCode;
    private final byte[] digest;

    private Cid(byte[] bytes, int version, long codec, long multihashCode, byte[] digest) {
        this.bytes = bytes;
        this.version = version;
        this.codec = codec;
        this.multihashCode = multihashCode;
        this.digest = digest;
    }

    /** The CIDv1 of {@code content} under {@code codec}, hashed with BLAKE2b-256 as Filecoin does. */
    public static Cid of(long codec, byte[] content) {
        return v1(codec, BLAKE2B_256, Blake2b.hash(content, 32));
    }

    public static Cid v1(long codec, long multihashCode, byte[] digest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(digest.length + 8);
        Uvarint.write(out, 1);
        Uvarint.write(out, codec);
        Uvarint.write(out, multihashCode);
        Uvarint.write(out, digest.length);
        out.writeBytes(digest);
        return new Cid(out.toByteArray(), 1, codec, multihashCode, digest.clone());
    }

    /** Parses a CID string: multibase base32 ('b') CIDv1, or a base58 "Qm…" CIDv0. */
    public static Cid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidCidException("empty CID");
        }
        try {
            if (text.length() == 46 && text.startsWith("Qm")) {
                return fromBytes(Base58.decode(text));
            }
            if (text.charAt(0) != 'b') {
                throw new InvalidCidException("unsupported multibase prefix '" + text.charAt(0) + "' (expected base32 'b')");
            }
            return fromBytes(Base32Lower.decode(text.substring(1)));
        } catch (InvalidCidException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidCidException("malformed CID: " + e.getMessage());
        }
    }

    /** Reads a binary CID; the whole array must be the CID. */
    public static Cid fromBytes(byte[] in) {
        try {
            if (in.length == 34 && in[0] == 0x12 && in[1] == 0x20) {
                return new Cid(in.clone(), 0, DAG_PB, SHA2_256, Arrays.copyOfRange(in, 2, 34));
            }
            Uvarint.Read version = Uvarint.read(in, 0);
            if (version.value() != 1) {
                throw new InvalidCidException("unsupported CID version " + version.value());
            }
            Uvarint.Read codec = Uvarint.read(in, version.next());
            Uvarint.Read mh = Uvarint.read(in, codec.next());
            Uvarint.Read len = Uvarint.read(in, mh.next());
            if (len.next() + len.value() != in.length) {
                throw new InvalidCidException("multihash length " + len.value() + " does not match the "
                        + (in.length - len.next()) + " digest bytes present");
            }
            byte[] digest = Arrays.copyOfRange(in, len.next(), in.length);
            return new Cid(in.clone(), 1, codec.value(), mh.value(), digest);
        } catch (InvalidCidException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidCidException("malformed CID bytes: " + e.getMessage());
        }
    }

    /**
     * Reads the byte string of a DAG-CBOR tag 42 link: a 0x00 multibase-identity prefix followed by
     * the binary CID.
     */
    public static Cid fromCborTagBytes(byte[] tagged) {
        if (tagged == null || tagged.length < 2 || tagged[0] != 0x00) {
            throw new InvalidCidException("a DAG-CBOR link (tag 42) must start with the 0x00 multibase prefix");
        }
        return fromBytes(Arrays.copyOfRange(tagged, 1, tagged.length));
    }

    /** The byte string of this CID as a DAG-CBOR tag 42 link (0x00 prefix + binary CID). */
    public byte[] toCborTagBytes() {
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }

    public int version() {
        return version;
    }

    public long codec() {
        return codec;
    }

    public long multihashCode() {
        return multihashCode;
    }

    public byte[] digest() {
        return digest.clone();
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return version == 0 ? Base58.encode(bytes) : "b" + Base32Lower.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Cid o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
