package jobs;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to run the jobs that feed the work queue (follow, walk, gaps), held by one instance at a
 * time: a PostgreSQL session advisory lock on a connection kept out of the pool. The holder releases
 * it when it gives the lease up; the database releases it when the holder dies or loses its network;
 * another instance takes it at its next tick. Without it, every instance would enqueue the same heights and move the
 * follow cursor, backwards too.
 */
public final class SchedulerLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerLease.class);
    /** Key of the advisory lock (the bytes of "fflsched"), apart from the migration lock's. */
    static final long LOCK_KEY = 0x66666c7363686564L;

    private final DataSource postgres;
    private Connection connection;

    public SchedulerLease(DataSource postgres) {
        this.postgres = postgres;
    }

    /** True when this instance holds the lease: kept if its connection is alive, else tried for. */
    public synchronized boolean held() {
        if (connection != null) {
            if (alive(connection)) {
                return true;
            }
            LOG.warn("Scheduler lease lost (its PostgreSQL connection is gone); trying to take it again");
            drop();
        }
        Connection c = null;
        try {
            c = postgres.getConnection();
            if (!lockCall(c, "SELECT pg_try_advisory_lock(?)")) {
                c.close();
                return false;
            }
            connection = c;
            LOG.info("Scheduler lease taken: this instance runs follow, walk and gaps");
            return true;
        } catch (SQLException e) {
            LOG.debug("Scheduler lease not available: {}", e.getMessage());
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    LOG.debug("closing a connection after a failed lease attempt: {}", closing.getMessage());
                }
            }
            return false;
        }
    }

    private static boolean lockCall(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, LOCK_KEY);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static boolean alive(Connection c) {
        try {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private void drop() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the lease's connection: {}", e.getMessage());
        }
        connection = null;
    }

    /**
     * Gives the lease up. The lock is released explicitly: the connection comes from a pool, and
     * closing it only returns it there, still holding the session lock, which would keep every other
     * instance from ever taking the lease.
     */
    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                lockCall(connection, "SELECT pg_advisory_unlock(?)");
            } catch (SQLException e) {
                LOG.debug("releasing the scheduler lease: {}", e.getMessage());
            }
            drop();
        }
    }
}
