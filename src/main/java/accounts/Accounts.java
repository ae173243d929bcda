package accounts;

import api.ApiException;
import api.ApiJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Passwordless sign-in, sessions, the account and its API keys (API.md "Projects and accounts"),
 * each request one PostgreSQL transaction with its audit row. Answers never say whether an
 * email has an account: the first successful sign-in makes it.
 */
public final class Accounts {
    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");
    private static final int MAX_TOKEN_LENGTH = 200;
    static final int MAX_KEY_NAME = 80;

    private final Database db;
    private final Clock clock;
    private final AccountsConfig config;
    private final RateLimiter limits;

    public Accounts(Database db, Clock clock, AccountsConfig config) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.limits = new RateLimiter(clock, config.limitWindow());
    }

    Database db() {
        return db;
    }

    Clock clock() {
        return clock;
    }

    AccountsConfig config() {
        return config;
    }

    /** POST /auth/login: mails a link and a code (through the outbox), superseding the email's earlier ones. */
    public ObjectNode login(String body, String client) {
        limits.acquire("login:client:" + client, config.loginsPerClient(), "sign-in");
        String email = EmailAddress.normalize(Bodies.optionalText(Bodies.object(body), "email"));
        limits.acquire("login:email:" + email, config.loginsPerEmail(), "sign-in");
        Instant now = clock.instant();
        String token = Secrets.token(Secrets.LINK_PREFIX);
        String code = Secrets.code();
        String tokenHash = Secrets.sha256(token);
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE sign_in_codes SET superseded_at = ?"
                    + " WHERE email = ? AND used_at IS NULL AND superseded_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, email);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sign_in_codes (email, token_hash, code_hash, created_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, email);
                s.setString(2, tokenHash);
                s.setString(3, Secrets.codeHash(tokenHash, code));
                s.setTimestamp(4, Timestamp.from(now));
                s.setTimestamp(5, Timestamp.from(now.plus(AccountsConfig.CODE_LIFETIME)));
                s.executeUpdate();
            }
            Outbox.enqueue(c, now, email, "Your filflow sign-in code: " + code,
                    Outbox.signInBody(config.baseUrl() + "/sign-in#token=" + token, code));
            Audit.record(c, now, null, email, "sign-in.mail", email, null, client);
            return null;
        });
        ObjectNode out = ApiJson.object();
        out.put("sent", true);
        out.put("message", "a sign-in link and a 6-digit code are on their way to " + email
                + "; both work once, for " + AccountsConfig.CODE_LIFETIME.toMinutes() + " minutes");
        return out;
    }

    /** POST /auth/verify: {token} or {email, code} → {sessionToken, expiresAt}. */
    public ObjectNode verify(String body, String client) {
        limits.acquire("verify:client:" + client, config.verifiesPerClient(), "sign-in check");
        ObjectNode request = Bodies.object(body);
        String token = Bodies.optionalText(request, "token");
        String givenEmail;
        String givenCode;
        if (token != null) {
            if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
                throw invalidCode();
            }
            givenEmail = null;
            givenCode = null;
        } else {
            givenEmail = EmailAddress.normalize(Bodies.optionalText(request, "email"));
            givenCode = Bodies.optionalText(request, "code");
            if (givenCode == null || !SIX_DIGITS.matcher(givenCode.strip()).matches()) {
                throw ApiException.badRequest("INVALID_CODE", "give {token} from the link, or {email, code} with the 6-digit code");
            }
            givenCode = givenCode.strip();
            limits.acquire("verify:email:" + givenEmail, config.verifiesPerEmail(), "sign-in check");
        }
        String email = givenEmail;
        String code = givenCode;
        Instant now = clock.instant();
        ObjectNode answer = db.inTransaction(c -> {
            Long codeId;
            String codeEmail;
            try (PreparedStatement s = token != null
                    ? c.prepareStatement("SELECT id, email, token_hash, code_hash FROM sign_in_codes WHERE token_hash = ?"
                    + " AND used_at IS NULL AND superseded_at IS NULL AND expires_at > ? FOR UPDATE")
                    : c.prepareStatement("SELECT id, email, token_hash, code_hash FROM sign_in_codes WHERE email = ?"
                    + " AND used_at IS NULL AND superseded_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1 FOR UPDATE")) {
                s.setString(1, token != null ? Secrets.sha256(token) : email);
                s.setTimestamp(2, Timestamp.from(now));
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                    if (code != null && !Secrets.codeHash(r.getString("token_hash"), code).equals(r.getString("code_hash"))) {
                        wrongCode(c, r.getLong("id"), now);
                        return null;
                    }
                    codeId = r.getLong("id");
                    codeEmail = r.getString("email");
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE sign_in_codes SET used_at = ? WHERE id = ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setLong(2, codeId);
                s.executeUpdate();
            }
            long accountId = upsertAccount(c, codeEmail, now);
            String session = Secrets.token(Secrets.SESSION_PREFIX);
            Instant expires = now.plus(config.sessionLifetime());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (token_hash, account_id, created_at, expires_at)"
                    + " VALUES (?, ?, ?, ?)")) {
                s.setString(1, Secrets.sha256(session));
                s.setLong(2, accountId);
                s.setTimestamp(3, Timestamp.from(now));
                s.setTimestamp(4, Timestamp.from(expires));
                s.executeUpdate();
            }
            Audit.record(c, now, accountId, "account:" + accountId, "sign-in", codeEmail,
                    ApiJson.object().put("by", token != null ? "link" : "code"), client);
            ObjectNode out = ApiJson.object();
            out.put("sessionToken", session);
            out.put("expiresAt", expires.toString());
            return out;
        });
        if (answer == null) {
            throw invalidCode();
        }
        return answer;
    }

    private static ApiException invalidCode() {
        return ApiException.badRequest("INVALID_CODE",
                "the code or link is wrong, already used, replaced by a newer one or expired; ask for a new one");
    }

    /** A wrong code counts against its code; after {@link AccountsConfig#CODE_TRIES} it is spent. */
    private static void wrongCode(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE sign_in_codes SET failed_tries = failed_tries + 1,"
                + " used_at = CASE WHEN failed_tries + 1 >= ? THEN ? ELSE used_at END WHERE id = ?")) {
            s.setInt(1, AccountsConfig.CODE_TRIES);
            s.setTimestamp(2, Timestamp.from(now));
            s.setLong(3, id);
            s.executeUpdate();
        }
    }

    private static long upsertAccount(Connection c, String email, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO accounts (email, created_at, last_sign_in_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (email) DO UPDATE SET last_sign_in_at = EXCLUDED.last_sign_in_at RETURNING id")) {
            s.setString(1, email);
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** POST /auth/logout: ends the session of the bearer token. */
    public ObjectNode logout(String authorization, String client) {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Principal p = authenticate(c, authorization);
            if (p.keyId() != null) {
                throw ApiException.badRequest("NOT_A_SESSION", "logout ends a session; an API key is revoked with DELETE /api/v1/me/keys/{id}");
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE sessions SET ended_at = ? WHERE token_hash = ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, p.tokenHash());
                s.executeUpdate();
            }
            Audit.record(c, now, p.accountId(), p.name(), "sign-out", null, null, client);
            return ApiJson.object().put("signedOut", true);
        });
    }

    /** GET /me. */
    public ObjectNode me(String authorization) {
        return db.inTransaction(c -> {
            Principal p = authenticate(c, authorization);
            ObjectNode out = ApiJson.object();
            out.put("id", p.accountId());
            out.put("email", p.email());
            try (PreparedStatement s = c.prepareStatement("SELECT created_at, last_sign_in_at,"
                    + " (SELECT count(*) FROM projects WHERE owner_id = a.id) AS projects,"
                    + " (SELECT count(*) FROM api_keys WHERE account_id = a.id AND revoked_at IS NULL) AS keys"
                    + " FROM accounts a WHERE id = ?")) {
                s.setLong(1, p.accountId());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    out.put("createdAt", r.getTimestamp("created_at").toInstant().toString());
                    Timestamp last = r.getTimestamp("last_sign_in_at");
                    out.put("lastSignInAt", last == null ? null : last.toInstant().toString());
                    out.put("projects", r.getLong("projects"));
                    out.put("keys", r.getLong("keys"));
                }
            }
            out.put("signedInWith", p.keyId() == null ? "session" : "key");
            return out;
        });
    }

    /** POST /me/keys {name}: a new API key, shown in this answer only. */
    public ObjectNode createKey(String authorization, String body, String client) {
        String name = Bodies.line("name", Bodies.optionalText(Bodies.object(body), "name"), MAX_KEY_NAME);
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Principal p = authenticate(c, authorization);
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM api_keys WHERE account_id = ? AND revoked_at IS NULL")) {
                s.setLong(1, p.accountId());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) >= config.maxKeys()) {
                        throw new ApiException(409, "TOO_MANY_KEYS", "an account holds at most " + config.maxKeys()
                                + " API keys; revoke one first");
                    }
                }
            }
            String key = Secrets.token(Secrets.KEY_PREFIX);
            String prefix = key.substring(0, 10);
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (account_id, name, key_hash, prefix, created_at)"
                    + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                s.setLong(1, p.accountId());
                s.setString(2, name);
                s.setString(3, Secrets.sha256(key));
                s.setString(4, prefix);
                s.setTimestamp(5, Timestamp.from(now));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
            }
            Audit.record(c, now, p.accountId(), p.name(), "key.create", "key:" + id, ApiJson.object().put("name", name), client);
            ObjectNode out = keyJson(id, name, prefix, now, null);
            out.put("key", key);
            return out;
        });
    }

    /** GET /me/keys: the account's keys that are not revoked (never the keys themselves). */
    public ObjectNode keys(String authorization) {
        return db.inTransaction(c -> {
            Principal p = authenticate(c, authorization);
            ArrayNode items = ApiJson.MAPPER.createArrayNode();
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, prefix, created_at, last_used_at FROM api_keys"
                    + " WHERE account_id = ? AND revoked_at IS NULL ORDER BY id")) {
                s.setLong(1, p.accountId());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Timestamp used = r.getTimestamp("last_used_at");
                        items.add(keyJson(r.getLong("id"), r.getString("name"), r.getString("prefix"),
                                r.getTimestamp("created_at").toInstant(), used == null ? null : used.toInstant()));
                    }
                }
            }
            ObjectNode out = ApiJson.object();
            out.set("items", items);
            return out;
        });
    }

    /** DELETE /me/keys/{id}: revokes one of the account's keys; 404 for anybody else's. */
    public ObjectNode revokeKey(String authorization, String rawId, String client) {
        long id = Ids.parse("id", rawId);
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Principal p = authenticate(c, authorization);
            try (PreparedStatement s = c.prepareStatement("UPDATE api_keys SET revoked_at = ?"
                    + " WHERE id = ? AND account_id = ? AND revoked_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setLong(2, id);
                s.setLong(3, p.accountId());
                if (s.executeUpdate() == 0) {
                    throw ApiException.notFound("no API key " + id + " of this account");
                }
            }
            Audit.record(c, now, p.accountId(), p.name(), "key.revoke", "key:" + id, null, client);
            return ApiJson.object().put("revoked", id);
        });
    }

    private static ObjectNode keyJson(long id, String name, String prefix, Instant created, Instant lastUsed) {
        ObjectNode out = ApiJson.object();
        out.put("id", id);
        out.put("name", name);
        out.put("prefix", prefix);
        out.put("createdAt", created.toString());
        out.put("lastUsedAt", lastUsed == null ? null : lastUsed.toString());
        return out;
    }

    /** The account of a request, in its transaction: a session token or an API key as {@code Authorization: Bearer}. */
    public Principal authenticate(Connection c, String authorization) throws SQLException {
        String token = bearer(authorization);
        Instant now = clock.instant();
        String hash = Secrets.sha256(token);
        if (token.startsWith(Secrets.KEY_PREFIX)) {
            try (PreparedStatement s = c.prepareStatement("UPDATE api_keys k SET last_used_at = ? FROM accounts a"
                    + " WHERE k.key_hash = ? AND k.revoked_at IS NULL AND a.id = k.account_id RETURNING k.id, a.id, a.email")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, hash);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return new Principal(r.getLong(2), r.getString(3), r.getLong(1), hash);
                    }
                }
            }
        } else {
            try (PreparedStatement s = c.prepareStatement("SELECT a.id, a.email FROM sessions s JOIN accounts a ON a.id = s.account_id"
                    + " WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ?")) {
                s.setString(1, hash);
                s.setTimestamp(2, Timestamp.from(now));
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return new Principal(r.getLong(1), r.getString(2), null, hash);
                    }
                }
            }
        }
        throw new ApiException(401, "INVALID_TOKEN", "the bearer token is not a current session or API key; sign in again");
    }

    /** The account of a bearer token in a transaction of its own (for other capabilities). */
    public Principal authenticate(String authorization) {
        return db.inTransaction(c -> authenticate(c, authorization));
    }

    /** An API key given as Etherscan's apikey parameter: its account, or 401 when it is not a live key. */
    public Principal authenticateKey(String apiKey) {
        if (apiKey == null || !apiKey.startsWith(Secrets.KEY_PREFIX)) {
            throw new ApiException(401, "INVALID_API_KEY", "apikey is not a filflow API key (create one with POST /api/v1/me/keys)");
        }
        return authenticate("Bearer " + apiKey);
    }

    static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException(401, "AUTH_REQUIRED", "sign in first: send Authorization: Bearer <session token or API key>");
        }
        String a = authorization.strip();
        if (a.length() < 8 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "INVALID_TOKEN", "Authorization must be Bearer <session token or API key>");
        }
        String token = a.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new ApiException(401, "INVALID_TOKEN", "the bearer token is not a session token or API key");
        }
        return token;
    }
}
