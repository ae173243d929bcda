package embedded;

/**
 * An embedded engine a supervisor can watch and bring back: it restarts on the same data, port
 * and credentials, so every client configured for it carries on once it is up again.
 */
public interface SupervisedEngine extends AutoCloseable {
    /** A short name for logs and metrics: {@code clickhouse}, {@code postgres}. */
    String name();

    /** False once the engine's process is gone. */
    boolean alive();

    /** Starts the engine again on the same data; throws when it cannot. */
    void restart();

    @Override
    void close();
}
