package codec.cbor;

/** Malformed or non-DAG-CBOR input, with the byte offset where decoding stopped. */
public final class CborDecodingException extends RuntimeException {
    private final int offset;

    public CborDecodingException(String message, int offset) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    public CborDecodingException(String message) {
        super(message);
        this.offset = -1;
    }

    /** Byte offset in the input where the problem was found, or -1 when not tied to a position. */
    public int offset() {
        return offset;
    }
}
