package codec;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/** BLAKE2b with a chosen digest size, the hash behind Filecoin CIDs, address payloads and checksums. */
public final class Blake2b {
    private Blake2b() {
    }

    public static byte[] hash(byte[] data, int digestBytes) {
        Blake2bDigest d = new Blake2bDigest(digestBytes * 8);
        d.update(data, 0, data.length);
        byte[] out = new byte[digestBytes];
        d.doFinal(out, 0);
        return out;
    }
}
