package contracts.verify;

/** A verification request that cannot be run as given; the message names the problem. */
public final class VerificationInputException extends RuntimeException {
    private final String code;

    public VerificationInputException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
