package codec.address;

/** Why a string or byte sequence is not a valid Filecoin address; the kinds follow go-address. */
public final class AddressException extends IllegalArgumentException {
    public enum Kind {
        UNKNOWN_NETWORK,
        UNKNOWN_PROTOCOL,
        INVALID_LENGTH,
        INVALID_PAYLOAD,
        INVALID_CHECKSUM,
        INVALID_ENCODING,
        NOT_ETH_CONVERTIBLE
    }

    private final Kind kind;

    public AddressException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
