package accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Writes the audit row of a write, in the write's own transaction: who, what, on what, when, from where. */
final class Audit {
    private Audit() {
    }

    static void record(Connection c, Instant at, Long accountId, String actor, String action, String subject,
                       ObjectNode details, String client) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (at, account_id, actor, action, subject, details, client)"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setObject(2, accountId);
            s.setString(3, actor);
            s.setString(4, action);
            s.setString(5, subject);
            s.setString(6, details == null ? "{}" : details.toString());
            s.setString(7, client);
            s.executeUpdate();
        }
    }
}
