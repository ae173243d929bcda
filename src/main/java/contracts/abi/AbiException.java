package contracts.abi;

/** An ABI, a method or an argument that does not fit; the message names which and why. */
public final class AbiException extends RuntimeException {
    private final String code;

    public AbiException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
