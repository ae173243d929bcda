package storage;

/** The SQL engines filflow keeps schemas in; each has its migrations under {@code db/<folder>}. */
public enum Engine {
    CLICKHOUSE("clickhouse"),
    POSTGRES("postgres");

    private final String folder;

    Engine(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }
}
