package codec.address;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** EIP-55 mixed-case checksum encoding of a 20-byte Ethereum address. */
final class Eip55 {
    private static final HexFormat HEX = HexFormat.of();

    private Eip55() {
    }

    /** {@code 0x} + hex where a letter is upper case iff the matching nibble of keccak256(lower hex) is ≥ 8. */
    static String checksummed(byte[] address) {
        String lower = HEX.formatHex(address);
        byte[] ascii = lower.getBytes(StandardCharsets.US_ASCII);
        KeccakDigest keccak = new KeccakDigest(256);
        keccak.update(ascii, 0, ascii.length);
        byte[] hash = new byte[32];
        keccak.doFinal(hash, 0);
        StringBuilder out = new StringBuilder(2 + lower.length()).append("0x");
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }
}
