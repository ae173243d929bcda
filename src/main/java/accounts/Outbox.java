package accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Queues a mail in {@code mail_outbox}, inside the caller's transaction: it is sent only if that commits. */
final class Outbox {
    private Outbox() {
    }

    static void enqueue(Connection c, Instant now, String recipient, String subject, String body) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO mail_outbox (recipient, subject, body, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, recipient);
            s.setString(2, subject);
            s.setString(3, body);
            s.setTimestamp(4, Timestamp.from(now));
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** The sign-in mail: the one-time link and the 6-digit code ("code: 123456", which people and tests read). */
    static String signInBody(String link, String code) {
        return "Sign in to filflow with this link (it works once, for "
                + AccountsConfig.CODE_LIFETIME.toMinutes() + " minutes):\r\n\r\n"
                + link + "\r\n\r\n"
                + "or enter this code: " + code + "\r\n\r\n"
                + "If you did not ask to sign in, ignore this mail: nothing happens without the link or the code.\r\n";
    }
}
