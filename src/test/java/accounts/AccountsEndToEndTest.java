package accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

/**
 * Accounts end to end on the real embedded PostgreSQL and a real SMTP server (GreenMail): sign-in
 * mail through the outbox and camel-mail, sessions, projects and their owners, API keys, codes
 * that are single-use, superseded and expiring (the clock is moved, never slept on), rate limits.
 * Addresses resolve through a ClickHouse index of a recorded mainnet height; the contract's ID and
 * 0x form are those of the recorded deployment (fixtures lotus/mainnet creations at 3573064).
 */
class AccountsEndToEndTest {
    private static final String CONTRACT_ID = "f02941146";
    private static final String CONTRACT_ETH = "0xc27a67a686f6930710449186e141b8ca2969de79";
    private static final Pattern CODE = Pattern.compile("code: (\\d{6})");
    private static final Pattern LINK = Pattern.compile("/sign-in#token=(ffl_[A-Za-z0-9_-]{43})");

    private static GreenMail smtp;
    private static AccountsApp app;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = new AccountsApp(Map.of("smtp.url", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "smtp.from", "filflow test <signin@filflow.test>",
                "accounts.base-url", "http://explorer.test"), SharedEngines.newTempDir());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void signInCreateAProjectThatOnlyItsOwnerChangesThenAKeyCreatedUsedRevoked() throws Exception {
        String alice = unique("alice");
        String aliceSession = signInWithCode(alice);
        JsonNode me = ok(app.send("GET", "/api/v1/me", null, aliceSession));
        assertThat(me.path("email").asText()).isEqualTo(alice);
        long aliceId = me.path("id").asLong();

        String name = "Token Bridge " + System.nanoTime();
        AccountsApp.Answer created = app.send("POST", "/api/v1/projects", "{\"name\":\"" + name + "\",\"description\":\"bridges\","
                + "\"website\":\"https://bridge.example.org\",\"contracts\":[\"" + CONTRACT_ETH + "\",\"0x" + "ab".repeat(20) + "\"]}",
                aliceSession);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode project = created.json();
        long id = project.path("id").asLong();
        assertThat(project.path("owner").asLong()).isEqualTo(aliceId);
        // the recorded contract, given as 0x, is stored as its actor ID; an address the index never saw is pending
        assertThat(project.path("contracts").findValuesAsText("address")).contains(CONTRACT_ID);
        JsonNode pending = find(project.path("contracts"), c -> c.path("pending").asBoolean());
        assertThat(pending.path("given").asText()).startsWith("f410f");

        // everybody reads: by id, by any case prefix of the name, by a word of it, and through search
        assertThat(ok(app.send("GET", "/api/v1/projects/" + id, null, null)).path("name").asText()).isEqualTo(name);
        assertThat(ok(app.send("GET", "/api/v1/projects?name=token%20bri", null, null)).path("items").findValuesAsText("id"))
                .contains(Long.toString(id));
        assertThat(ok(app.send("GET", "/api/v1/projects?name=BRIDGE&owner=" + aliceId, null, null)).path("items")
                .findValuesAsText("id")).containsExactly(Long.toString(id));
        assertThat(ok(app.send("GET", "/api/v1/projects?name=ridge", null, null)).path("items").findValuesAsText("id"))
                .doesNotContain(Long.toString(id));
        JsonNode search = ok(app.send("GET", "/api/v1/search?q=" + name.replace(' ', '+'), null, null));
        assertThat(search.path("kind").asText()).isEqualTo("project");
        assertThat(search.path("project").path("id").asLong()).isEqualTo(id);

        // the same name again for the same owner: 409; another account may use it
        assertThat(app.send("POST", "/api/v1/projects", "{\"name\":\"" + name.toUpperCase() + "\"}", aliceSession).status())
                .isEqualTo(409);

        // another account cannot change it (403), nobody anonymous can (401), nothing changed
        String bob = unique("bob");
        String bobSession = signInWithLink(bob);
        assertThat(app.send("POST", "/api/v1/projects", "{\"name\":\"" + name + "\"}", bobSession).status()).isEqualTo(201);
        assertError(app.send("PATCH", "/api/v1/projects/" + id, "{\"name\":\"stolen\"}", bobSession), 403, "NOT_OWNER");
        assertError(app.send("DELETE", "/api/v1/projects/" + id, null, bobSession), 403, "NOT_OWNER");
        assertError(app.send("POST", "/api/v1/projects/" + id + "/contracts/f01", null, bobSession), 403, "NOT_OWNER");
        assertError(app.send("DELETE", "/api/v1/projects/" + id + "/contracts/" + CONTRACT_ID, null, bobSession), 403, "NOT_OWNER");
        assertError(app.send("PATCH", "/api/v1/projects/" + id, "{\"name\":\"stolen\"}", null), 401, "AUTH_REQUIRED");
        assertThat(ok(app.send("GET", "/api/v1/projects/" + id, null, null))).isEqualTo(project);

        // the owner changes it: the contract given by ID is removed, the description rewritten
        JsonNode removed = ok(app.send("DELETE", "/api/v1/projects/" + id + "/contracts/" + CONTRACT_ID, null, aliceSession));
        assertThat(removed.path("contracts").findValuesAsText("address")).doesNotContain(CONTRACT_ID);
        JsonNode patched = ok(app.send("PATCH", "/api/v1/projects/" + id, "{\"description\":\"now with docs\"}", aliceSession));
        assertThat(patched.path("description").asText()).isEqualTo("now with docs");
        assertThat(patched.path("name").asText()).isEqualTo(name);

        // an API key: shown once, works as a bearer token, listed with its last use, then revoked
        AccountsApp.Answer key = app.send("POST", "/api/v1/me/keys", "{\"name\":\"ci\"}", aliceSession);
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        String secret = key.json().path("key").asText();
        assertThat(secret).startsWith("ffk_");
        assertThat(ok(app.send("GET", "/api/v1/me", null, secret)).path("id").asLong()).isEqualTo(aliceId);
        JsonNode keys = ok(app.send("GET", "/api/v1/me/keys", null, aliceSession));
        assertThat(keys.toString()).doesNotContain(secret);
        assertThat(keys.path("items").get(0).path("lastUsedAt").isTextual()).isTrue();
        ok(app.send("POST", "/api/v1/projects/" + id + "/contracts/" + CONTRACT_ID, null, secret));
        ok(app.send("DELETE", "/api/v1/me/keys/" + key.json().path("id").asLong(), null, aliceSession));
        assertError(app.send("GET", "/api/v1/me", null, secret), 401, "INVALID_TOKEN");
        assertError(app.send("DELETE", "/api/v1/me/keys/" + key.json().path("id").asLong(), null, bobSession), 404, "NOT_FOUND");

        // sign-out ends the session
        ok(app.send("POST", "/api/v1/auth/logout", null, bobSession));
        assertError(app.send("GET", "/api/v1/me", null, bobSession), 401, "INVALID_TOKEN");

        // every write is audited, by account
        assertThat(audited(aliceId)).contains("sign-in", "project.create", "project.contract.remove", "project.update",
                "key.create", "project.contract.add", "key.revoke");
        ok(app.send("DELETE", "/api/v1/projects/" + id, null, aliceSession));
        assertError(app.send("GET", "/api/v1/projects/" + id, null, null), 404, "NOT_FOUND");
    }

    @Test
    void anApiKeySignsEtherscanAndSourceRequestsAndAnUnknownOneIsRefusedAsEtherscanDoes() throws Exception {
        String grace = unique("grace");
        String session = signInWithCode(grace);
        AccountsApp.Answer created = app.send("POST", "/api/v1/me/keys", "{\"name\":\"hardhat\"}", session);
        String key = created.json().path("key").asText();
        String api = "/api?module=contract&action=nosuchaction&apikey=";
        // a live key passes (the action is then what is wrong); tools' placeholder keys stay anonymous
        assertError(app.send("GET", api + key, null, null), 400, "INVALID_ACTION");
        assertError(app.send("GET", api + "filflow", null, null), 400, "INVALID_ACTION");
        // a filflow key that does not exist, or no longer does, is Etherscan's "Invalid API Key"
        ok(app.send("DELETE", "/api/v1/me/keys/" + created.json().path("id").asLong(), null, session));
        for (String refused : List.of(key, "ffk_" + "A".repeat(43))) {
            AccountsApp.Answer a = app.send("GET", api + refused, null, null);
            assertError(a, 401, "INVALID_API_KEY");
            assertThat(a.json().path("status").asText()).isEqualTo("0");
            assertThat(a.json().path("message").asText()).isEqualTo("NOTOK");
            assertThat(a.json().path("result").asText()).isEqualTo("Invalid API Key");
        }
        // source uploads ask the same accounts who uploads: a forged token is refused before anything is read
        assertError(app.send("POST", "/api/v1/contracts/" + CONTRACT_ETH + "/source", "{}", "ffs_forged"), 401, "INVALID_TOKEN");
    }

    @Test
    void codesAndLinksWorkOnceAreReplacedByTheNextLoginAndExpire() throws Exception {
        String carol = unique("carol");
        String first = codeOf(login(carol));
        String second = login(carol);
        // the first code was replaced by the second login
        assertError(verify(carol, first), 400, "INVALID_CODE");
        assertThat(verify(carol, codeOf(second)).status()).isEqualTo(200);
        // used once, never again: neither the code nor its link
        assertError(verify(carol, codeOf(second)), 400, "INVALID_CODE");
        assertError(app.send("POST", "/api/v1/auth/verify", "{\"token\":\"" + tokenOf(second) + "\"}", null), 400, "INVALID_CODE");
        // a code is good for 15 minutes
        String third = login(carol);
        app.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertError(verify(carol, codeOf(third)), 400, "INVALID_CODE");
        assertError(app.send("POST", "/api/v1/auth/verify", "{\"token\":\"" + tokenOf(third) + "\"}", null), 400, "INVALID_CODE");
        // five wrong codes spend a code
        String fourth = login(carol);
        String right = codeOf(fourth);
        String wrong = right.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < AccountsConfig.CODE_TRIES; i++) {
            assertError(verify(carol, wrong), 400, "INVALID_CODE");
        }
        assertError(verify(carol, right), 400, "INVALID_CODE");
        app.clock.advance(Duration.ofMinutes(16));   // leave the rate-limit window behind for the other tests
    }

    @Test
    void signInIsRateLimitedPerEmailWithRetryAfterAndNeverSaysWhetherAnAccountExists() throws Exception {
        String dave = unique("dave");
        AccountsApp.Answer unknown = app.send("POST", "/api/v1/auth/login", "{\"email\":\"" + dave + "\"}", null);
        signInWithCode(unique("erin"));
        String known = unique("erin");
        signInWithCode(known);
        app.clock.advance(Duration.ofMinutes(16));
        AccountsApp.Answer existing = app.send("POST", "/api/v1/auth/login", "{\"email\":\"" + known + "\"}", null);
        assertThat(existing.status()).isEqualTo(unknown.status()).isEqualTo(202);
        assertThat(existing.body().replace(known, "x")).isEqualTo(unknown.body().replace(dave, "x"));

        // the window is empty again: five sign-ins of one email pass, the sixth (in any case) waits
        for (int i = 0; i < 5; i++) {
            assertThat(app.send("POST", "/api/v1/auth/login", "{\"email\":\"" + dave + "\"}", null).status()).isEqualTo(202);
        }
        AccountsApp.Answer limited = app.send("POST", "/api/v1/auth/login", "{\"email\":\"" + dave.toUpperCase() + "\"}", null);
        assertError(limited, 429, "RATE_LIMITED");
        int retryAfter = Integer.parseInt(limited.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1, 15 * 60);
        app.clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(app.send("POST", "/api/v1/auth/login", "{\"email\":\"" + dave + "\"}", null).status()).isEqualTo(202);
        app.clock.advance(Duration.ofMinutes(16));
    }

    @Test
    void malformedInputIsA4xxAndWritesNothing() throws Exception {
        String session = signInWithCode(unique("frank"));
        for (String body : List.of("", "[]", "{", "{\"email\":\"not-an-email\"}", "{\"email\":\"a@b\"}",
                "{\"email\":\"x@example.org\\r\\nBcc: y@example.org\"}", "{\"email\":12}")) {
            assertThat(app.send("POST", "/api/v1/auth/login", body, null).status()).as(body).isEqualTo(400);
        }
        long before = projectsOf(session);
        for (String body : List.of("{}", "{\"name\":\"\"}", "{\"name\":\"" + "n".repeat(101) + "\"}", "{\"name\":\"a\\u0000b\"}",
                "{\"name\":\"ok\",\"website\":\"javascript:alert(1)\"}", "{\"name\":\"ok\",\"contracts\":[\"f1nope\"]}",
                "{\"name\":\"ok\",\"contracts\":\"f01\"}", "{\"name\":\"ok\",\"description\":\"" + "d".repeat(2001) + "\"}")) {
            AccountsApp.Answer a = app.send("POST", "/api/v1/projects", body, session);
            assertThat(a.status()).as(body + " -> " + a.body()).isEqualTo(400);
        }
        assertThat(projectsOf(session)).isEqualTo(before);
        assertError(app.send("GET", "/api/v1/projects/abc", null, null), 400, "INVALID_ID");
        assertError(app.send("GET", "/api/v1/projects/99999999999", null, null), 404, "NOT_FOUND");
        assertError(app.send("GET", "/api/v1/me", null, "ffs_forged"), 401, "INVALID_TOKEN");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static String unique(String who) {
        return who + "-" + System.nanoTime() + "@example.org";
    }

    private static long projectsOf(String session) throws Exception {
        return ok(app.send("GET", "/api/v1/me", null, session)).path("projects").asLong();
    }

    /** Asks for a sign-in mail and returns its text, as GreenMail received it. */
    private static String login(String email) throws Exception {
        int before = mailsTo(email).size();
        AccountsApp.Answer a = app.send("POST", "/api/v1/auth/login", "{\"email\":\"" + email + "\"}", null);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        List<String> mails = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> mailsTo(email), m -> m.size() > before);
        return mails.get(mails.size() - 1);
    }

    private static List<String> mailsTo(String email) throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(r -> r.toString().equals(email))) {
                assertThat(m.getFrom()[0].toString()).isEqualTo("filflow test <signin@filflow.test>");
                out.add(GreenMailUtil.getBody(m));
            }
        }
        return out;
    }

    private static String codeOf(String mail) {
        Matcher m = CODE.matcher(mail);
        assertThat(m.find()).as(mail).isTrue();
        return m.group(1);
    }

    private static String tokenOf(String mail) {
        Matcher m = LINK.matcher(mail.replace("=\r\n", ""));
        assertThat(m.find()).as(mail).isTrue();
        assertThat(mail).contains("http://explorer.test/sign-in#token=");
        return m.group(1);
    }

    private static AccountsApp.Answer verify(String email, String code) throws Exception {
        return app.send("POST", "/api/v1/auth/verify", "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}", null);
    }

    private static String signInWithCode(String email) throws Exception {
        JsonNode session = ok(verify(email, codeOf(login(email))));
        assertThat(session.path("expiresAt").asText()).isNotBlank();
        return session.path("sessionToken").asText();
    }

    private static String signInWithLink(String email) throws Exception {
        return ok(app.send("POST", "/api/v1/auth/verify", "{\"token\":\"" + tokenOf(login(email)) + "\"}", null))
                .path("sessionToken").asText();
    }

    private static JsonNode ok(AccountsApp.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private static void assertError(AccountsApp.Answer a, int status, String code) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.json().path("error").path("code").asText()).as(a.body()).isEqualTo(code);
    }

    private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> p) {
        for (JsonNode n : array) {
            if (p.test(n)) {
                return n;
            }
        }
        throw new AssertionError("none matches in " + array);
    }

    private static List<String> audited(long account) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = app.postgres.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT action FROM audit_log WHERE account_id = ? ORDER BY id")) {
            s.setLong(1, account);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }
}
