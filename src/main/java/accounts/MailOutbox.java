package accounts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code accountsMail}, the steps of route {@code accounts-mail}: claims the due rows of
 * {@code mail_outbox}, turns each into a mail for camel-mail's SMTP producer (or, without
 * {@code SMTP_URL}, an {@code .eml} file in {@code DATA_DIR/outbox/}), and records the outcome:
 * sent, or retried with doubling backoff until {@code ACCOUNTS_MAIL_MAX_ATTEMPTS}, then dead.
 */
public final class MailOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);
    /** A claimed mail belongs to this instance this long; if it dies meanwhile, the mail is sent again after. */
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int BATCH = 20;
    static final String MAIL_ID = "filflowMailId";

    /** One row of the outbox. */
    public record Mail(long id, String recipient, String subject, String body, int attempts) {
    }

    /** Where mail goes: an SMTP URL (with credentials) or, when null, the folder of .eml files. */
    public record Delivery(String smtpUrl, String user, String password, String from, Path emlFolder) {
    }

    private final Database db;
    private final Clock clock;
    private final Delivery delivery;
    private final int maxAttempts;
    private final Duration backoff;

    public MailOutbox(Database db, Clock clock, Delivery delivery, int maxAttempts, Duration backoff) {
        this.db = db;
        this.clock = clock;
        this.delivery = delivery;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /** The due mails, claimed for {@link #LEASE} (several instances never send one mail at once). */
    public List<Mail> due() {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            List<Mail> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("UPDATE mail_outbox SET next_attempt_at = ? WHERE id IN ("
                    + " SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?"
                    + " FOR UPDATE SKIP LOCKED) RETURNING id, recipient, subject, body, attempts")) {
                s.setTimestamp(1, Timestamp.from(now.plus(LEASE)));
                s.setTimestamp(2, Timestamp.from(now));
                s.setInt(3, BATCH);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Mail(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5)));
                    }
                }
            }
            out.sort(java.util.Comparator.comparingLong(Mail::id));
            return out;
        });
    }

    /** The exchange of one mail as camel-mail sends it: To, From, Subject headers and the text body. */
    public void prepare(Exchange exchange) {
        Mail mail = exchange.getMessage().getBody(Mail.class);
        exchange.setProperty(MAIL_ID, mail.id());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("To", mail.recipient());
        exchange.getMessage().setHeader("From", delivery.from());
        exchange.getMessage().setHeader("Subject", mail.subject());
        exchange.getMessage().setHeader("Content-Type", "text/plain; charset=UTF-8");
        exchange.getMessage().setBody(mail.body());
    }

    /** True when SMTP_URL is set: mail goes to the server, else to .eml files. */
    public boolean smtp() {
        return delivery.smtpUrl() != null;
    }

    /** The camel-mail endpoint: SMTP_URL with the credentials as options (RAW, so any character is kept). */
    public String smtpUri() {
        StringBuilder uri = new StringBuilder(delivery.smtpUrl());
        char sep = delivery.smtpUrl().contains("?") ? '&' : '?';
        uri.append(sep).append("contentType=").append(URLEncoder.encode("text/plain; charset=UTF-8", StandardCharsets.UTF_8));
        if (delivery.user() != null) {
            uri.append("&username=RAW(").append(delivery.user()).append(')');
        }
        if (delivery.password() != null) {
            uri.append("&password=RAW(").append(delivery.password()).append(')');
        }
        return uri.toString();
    }

    /** Without SMTP: the mail as an .eml file (RFC 822, what a mail client opens), and a log line saying where. */
    public void writeEml(Exchange exchange) throws MessagingException {
        long id = exchange.getProperty(MAIL_ID, Long.class);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(delivery.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(exchange.getMessage().getHeader("To", String.class)));
        message.setSubject(exchange.getMessage().getHeader("Subject", String.class), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setText(exchange.getMessage().getBody(String.class), "UTF-8");
        message.saveChanges();
        Path folder = delivery.emlFolder();
        Path file = folder.resolve(String.format("mail-%012d.eml", id));
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "mail-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                message.writeTo(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("no SMTP_URL: mail {} to {} written to {}", id, exchange.getMessage().getHeader("To"), file);
    }

    public void sent(Exchange exchange) {
        long id = exchange.getProperty(MAIL_ID, Long.class);
        Instant now = clock.instant();
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE mail_outbox SET status = 'sent', sent_at = ?,"
                    + " attempts = attempts + 1, last_error = NULL WHERE id = ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setLong(2, id);
                return s.executeUpdate();
            }
        });
    }

    /** A failed send: retried after backoff · 2^(attempts − 1), or dead once the attempts are used up. */
    public void failed(Exchange exchange) {
        long id = exchange.getProperty(MAIL_ID, Long.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = e == null ? "unknown" : e.getClass().getSimpleName() + ": " + e.getMessage();
        Instant now = clock.instant();
        String status = db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?,"
                    + " status = CASE WHEN attempts + 1 >= ? THEN 'dead' ELSE 'pending' END,"
                    + " next_attempt_at = CAST(? AS timestamptz) + (CAST(? AS bigint) * power(2, LEAST(attempts, 20))) * interval '1 millisecond'"
                    + " WHERE id = ? RETURNING status")) {
                s.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
                s.setInt(2, maxAttempts);
                s.setTimestamp(3, Timestamp.from(now));
                s.setLong(4, backoff.toMillis());
                s.setLong(5, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : "gone";
                }
            }
        });
        if ("dead".equals(status)) {
            LOG.error("mail {} could not be sent after {} attempts and is dead: {}", id, maxAttempts, error);
        } else {
            LOG.warn("mail {} not sent, will retry: {}", id, error);
        }
    }
}
