package codec.cid;

/** A CID string or byte sequence that is not a well-formed CID. */
public final class InvalidCidException extends IllegalArgumentException {
    public InvalidCidException(String message) {
        super(message);
    }
}
