package contracts.solc;

/** A compile that could not run: what the user asked for cannot be had, or the compiler machinery failed. */
public class CompilerException extends RuntimeException {
    /** Why, in the words the API turns into a status. */
    public enum Kind {
        /** no such solc release (or not one npm publishes): the request's fault */
        UNKNOWN_VERSION,
        /** npm, Node or the registry is not there: a dependency is down */
        UNAVAILABLE,
        /** the compile ran longer than the timeout */
        TIMEOUT,
        /** the worker died mid-compile (it is replaced) */
        CRASHED,
        /** the compile queue is full */
        BUSY
    }

    private final Kind kind;

    public CompilerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CompilerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
