package storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The PostgreSQL connection pool, the same for the embedded server and a production one. */
public final class PostgresDataSource {
    private PostgresDataSource() {
    }

    public static HikariDataSource create(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("postgres");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        // Batched inserts are sent one by one unless the driver rewrites them.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}
