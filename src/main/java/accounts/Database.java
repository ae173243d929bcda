package accounts;

import api.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * PostgreSQL for accounts: every request runs in one transaction (all of it or nothing). A
 * database that is missing or unreachable answers 503; a unique violation is the caller's to map.
 */
public final class Database {
    /** SQLSTATE of a unique-constraint violation. */
    static final String UNIQUE_VIOLATION = "23505";
    /** The error code of a filflow without PostgreSQL (tests of the API alone): no accounts, no projects. */
    public static final String NOT_CONFIGURED = "ACCOUNTS_NOT_CONFIGURED";

    private final Supplier<DataSource> dataSource;

    public Database(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        DataSource ds = dataSource.get();
        if (ds == null) {
            throw new ApiException(503, NOT_CONFIGURED, "accounts need PostgreSQL, which is not configured in this filflow");
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ApiException(409, "CONFLICT", "that already exists");
            }
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08") || state.startsWith("57")) {   // connection failures, shutdown
                throw ApiException.unavailable("PostgreSQL is unavailable: " + e.getMessage());
            }
            throw new IllegalStateException("accounts query failed: " + e.getMessage(), e);
        }
    }
}
