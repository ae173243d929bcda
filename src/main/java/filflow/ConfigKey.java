package filflow;

import java.util.Locale;

/**
 * Every setting a user can give filflow. Each is a property (in application.properties, or
 * {@code -Dname=value}) and an environment variable; the variable's name is the property's in
 * upper case with dots and dashes as underscores, the rule Camel uses to let environment
 * variables override properties. README.md lists exactly these keys.
 */
public enum ConfigKey {
    // --- engines (embedded when unset) ---
    CLICKHOUSE_URL("clickhouse.url", null,
            "ClickHouse HTTP endpoint, e.g. `http://clickhouse:8123`; unset: embedded chDB engine"),
    CLICKHOUSE_USER("clickhouse.user", "default", "ClickHouse user"),
    CLICKHOUSE_PASSWORD("clickhouse.password", "", "ClickHouse password"),
    CLICKHOUSE_DATABASE("clickhouse.database", "default", "ClickHouse database holding filflow's tables"),
    KAFKA_BROKERS("kafka.brokers", null, "Kafka bootstrap servers; unset: embedded KRaft broker"),
    POSTGRES_URL("postgres.url", null,
            "PostgreSQL JDBC URL, e.g. `jdbc:postgresql://postgres:5432/filflow`; unset: embedded PostgreSQL"),
    POSTGRES_USER("postgres.user", "postgres", "PostgreSQL user"),
    POSTGRES_PASSWORD("postgres.password", "", "PostgreSQL password"),
    CHDB_LIBRARY("chdb.library", null,
            "path of libchdb.so for the embedded engine; unset: the cache `bin/fetch-chdb` fills"),
    // --- Lotus ---
    LOTUS_URL("lotus.url", "https://api.node.glif.io/rpc/v1",
            "Lotus JSON-RPC endpoint; the default is Glif's public mainnet node (no `StateCompute`)"),
    LOTUS_TOKEN("lotus.token", null, "Lotus API token (bearer), if the node needs one"),
    // --- the application ---
    DATA_DIR("data.dir", "./data", "where embedded engines and the file archive keep their data"),
    HTTP_PORT("http.port", "8080", "port of the explorer API"),
    MANAGEMENT_PORT("management.port", "9876", "port of health (`/observe/health`) and metrics (`/observe/metrics`)"),
    ADMIN_TOKEN("admin.token", null, "bearer token for admin endpoints; unset: admin endpoints disabled");

    private final String property;
    private final String defaultValue;
    private final String description;

    ConfigKey(String property, String defaultValue, String description) {
        this.property = property;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String property() {
        return property;
    }

    public String env() {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value used when neither property nor variable is set; null means "not set". */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
