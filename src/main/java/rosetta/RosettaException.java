package rosetta;

/** A Rosetta request that cannot be answered: answered as the listed {@link RosettaError} with HTTP 500. */
public final class RosettaException extends RuntimeException {
    private final RosettaError error;

    public RosettaException(RosettaError error, String reason) {
        super(reason);
        this.error = error;
    }

    public RosettaError error() {
        return error;
    }
}
