package codec.actors;

/** A value does not have the shape a named schema expects; the caller falls back to generic JSON. */
final class SchemaMismatch extends RuntimeException {
    SchemaMismatch(String message) {
        super(message, null, false, false);
    }
}
