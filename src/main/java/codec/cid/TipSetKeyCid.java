package codec.cid;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The CID of a TipSetKey as Lotus computes it: the DAG-CBOR byte string of the block CIDs' binary
 * forms, concatenated, hashed with BLAKE2b-256. Its digest is the tipset's Ethereum block hash; the
 * Rosetta API answers the CID as block hash.
 */
public final class TipSetKeyCid {
    private TipSetKeyCid() {
    }

    /** The key CID of the tipset made of these block CIDs, in the tipset's order. */
    public static String of(List<String> blockCids) {
        if (blockCids.isEmpty()) {
            throw new IllegalArgumentException("a tipset has at least one block");
        }
        ByteArrayOutputStream key = new ByteArrayOutputStream(blockCids.size() * 38);
        for (String c : blockCids) {
            key.writeBytes(Cid.parse(c).toBytes());
        }
        return Cid.of(Cid.DAG_CBOR, byteString(key.toByteArray())).toString();
    }

    /** The key CID of a tipset key as stored in ClickHouse: block CIDs joined by ','. */
    public static String ofKey(String joinedKey) {
        return of(List.of(joinedKey.split(",")));
    }

    private static byte[] byteString(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 5);
        int n = content.length;
        if (n < 24) {
            out.write(0x40 | n);
        } else if (n < 0x100) {
            out.write(0x58);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x59);
            out.write(n >>> 8);
            out.write(n & 0xFF);
        } else {
            out.write(0x5a);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((n >>> shift) & 0xFF);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
