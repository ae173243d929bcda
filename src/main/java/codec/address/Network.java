package codec.address;

/** The network an address string is printed for: only the first character differs. */
public enum Network {
    MAINNET('f'),
    TESTNET('t');

    private final char prefix;

    Network(char prefix) {
        this.prefix = prefix;
    }

    public char prefix() {
        return prefix;
    }

    public static Network ofPrefix(char c) {
        return switch (c) {
            case 'f' -> MAINNET;
            case 't' -> TESTNET;
            default -> throw new AddressException(AddressException.Kind.UNKNOWN_NETWORK,
                    "unknown network prefix '" + c + "' (expected 'f' for mainnet or 't' for a test network)");
        };
    }
}
