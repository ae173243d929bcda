package contracts;

/**
 * A {@code new_contract} record that cannot be parsed or resolved into a contract: retrying cannot
 * help, so it goes to the dead-letter topic and the listener moves on.
 */
public class MalformedCreationException extends RuntimeException {
    public MalformedCreationException(String message) {
        super(message);
    }

    public MalformedCreationException(String message, Throwable cause) {
        super(message, cause);
    }
}
