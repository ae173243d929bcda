package lotus;

import java.util.HexFormat;

/** Ethereum JSON conventions: quantities as 0x-hex without leading zeros, bytes as 0x-hex. */
public final class EthHex {
    private EthHex() {
    }

    public static long quantity(String hex) {
        if (hex == null) {
            return 0;
        }
        if (!hex.startsWith("0x") || hex.length() < 3) {
            throw new IllegalArgumentException("not an Ethereum hex quantity: " + hex);
        }
        return Long.parseUnsignedLong(hex.substring(2), 16);
    }

    public static String quantity(long value) {
        return "0x" + Long.toHexString(value);
    }

    public static byte[] bytes(String hex) {
        if (hex == null || !hex.startsWith("0x")) {
            throw new IllegalArgumentException("not 0x-hex bytes: " + hex);
        }
        return HexFormat.of().parseHex(hex, 2, hex.length());
    }

    public static String bytes(byte[] data) {
        return "0x" + HexFormat.of().formatHex(data);
    }
}
