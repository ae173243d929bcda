package accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

/**
 * Route {@code accounts-mail} against an SMTP address where nothing listens: each failed send is
 * counted and retried after a doubling backoff (the clock is moved, not slept on), and after the
 * last attempt the mail is dead with its error. Then the same route without SMTP writes an .eml.
 */
class MailOutboxRetryTest {
    private final DataSource postgres = SharedEngines.postgres();
    private final MovableClock clock = new MovableClock();

    @Test
    void aMailThatCannotBeSentIsRetriedWithBackoffThenDead() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long id = enqueue("retry-" + System.nanoTime() + "@example.org");
        Main main = start(Map.of("smtp.url", "smtp://127.0.0.1:" + closedPort, "accounts.mail.max-attempts", "3",
                "accounts.mail.backoff-ms", "60000"), SharedEngines.newTempDir());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> row(id).attempts() == 1);
            Row first = row(id);
            assertThat(first.status()).isEqualTo("pending");
            assertThat(first.lastError()).isNotBlank();
            assertThat(Duration.between(clock.instant(), first.next())).isEqualTo(Duration.ofMinutes(1));
            // not due before the backoff has passed, due after it
            clock.advance(Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(60)).until(() -> row(id).attempts() == 2);
            assertThat(Duration.between(clock.instant(), row(id).next())).isEqualTo(Duration.ofMinutes(2));
            clock.advance(Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(60)).until(() -> row(id).status().equals("dead"));
            assertThat(row(id).attempts()).isEqualTo(3);
        } finally {
            main.stop();
        }
    }

    @Test
    void withoutSmtpTheMailIsAnEmlFileInTheOutboxFolder() throws Exception {
        String to = "eml-" + System.nanoTime() + "@example.org";
        long id = enqueue(to);
        Path dataDir = SharedEngines.newTempDir();
        Main main = start(Map.of(), dataDir);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> row(id).status().equals("sent"));
            String eml = java.nio.file.Files.readString(dataDir.resolve("outbox").resolve(String.format("mail-%012d.eml", id)));
            assertThat(eml).contains("To: " + to).contains("Subject: test mail " + id).contains("code: 123456");
        } finally {
            main.stop();
        }
    }

    private Main start(Map<String, String> settings, Path dataDir) throws Exception {
        Main main = new Main();
        main.addOverrideProperty("camel.main.base-package-scan", "api.none");
        main.addOverrideProperty("camel.main.routes-include-pattern", "classpath:routes/accounts-mail.camel.yaml");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("accounts.mail.period-ms", "100");
        settings.forEach(main::addOverrideProperty);
        Map<String, String> mail = new java.util.HashMap<>(settings);
        mail.put("data.dir", dataDir.toString());
        filflow.Settings s = filflow.Settings.bundledWith(mail);
        main.bind("accountsMail", AccountsConfiguration.mailOutbox(s, new Database(() -> postgres), clock));
        main.start();
        return main;
    }

    record Row(String status, int attempts, String lastError, java.time.Instant next) {
    }

    private long enqueue(String to) throws Exception {
        try (Connection c = postgres.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO mail_outbox (recipient, subject, body, next_attempt_at, created_at)"
                     + " VALUES (?, 'test mail', 'your code: 123456', ?, ?) RETURNING id")) {
            s.setString(1, to);
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long id = r.getLong(1);
                try (PreparedStatement u = c.prepareStatement("UPDATE mail_outbox SET subject = ? WHERE id = ?")) {
                    u.setString(1, "test mail " + id);
                    u.setLong(2, id);
                    u.executeUpdate();
                }
                return id;
            }
        }
    }

    private Row row(long id) throws Exception {
        try (Connection c = postgres.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT status, attempts, last_error, next_attempt_at FROM mail_outbox WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Row(r.getString(1), r.getInt(2), r.getString(3), r.getTimestamp(4).toInstant());
            }
        }
    }
}
