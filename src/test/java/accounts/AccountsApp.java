package accounts;

import api.ExplorerApiBinder;
import api.IndexedFixtures;
import filflow.Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import routes.ApiErrorConfiguration;
import testsupport.SharedEngines;

/**
 * The API routes and the mail route {@code accounts-mail} on the real embedded PostgreSQL, over a
 * ClickHouse database holding one recorded mainnet height (so addresses resolve as in production),
 * with a clock the test moves and the mail going to {@code smtp.url}.
 */
final class AccountsApp implements AutoCloseable {
    static final long HEIGHT = 3573064L;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final MovableClock clock = new MovableClock();
    final DataSource postgres = SharedEngines.postgres();
    private final Main main = new Main();
    private final int port;

    AccountsApp(Map<String, String> settings, Path dataDir) throws Exception {
        port = freePort();
        var clickHouse = IndexedFixtures.index("mainnet", List.of(HEIGHT), "accounts_e2e");
        main.configure().addRoutesBuilder(new ApiErrorConfiguration());
        main.addMainListener(new ExplorerApiBinder());
        main.addOverrideProperty("camel.main.base-package-scan", "api.none");
        main.addOverrideProperty("camel.main.routes-include-pattern",
                "classpath:routes/api-*.camel.yaml,classpath:routes/accounts-*.camel.yaml");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        main.addOverrideProperty("accounts.mail.period-ms", "100");
        settings.forEach(main::addOverrideProperty);
        main.bind("clickHouse", clickHouse);
        main.bind("postgresDataSource", postgres);
        main.bind("accountsClock", clock);
        Map<String, String> mail = new java.util.HashMap<>(settings);
        mail.put("data.dir", dataDir.toString());
        Settings mailSettings = Settings.bundledWith(mail);
        main.bind("accountsMail", AccountsConfiguration.mailOutbox(mailSettings, new Database(() -> postgres), clock));
        // the developer endpoints' view of who verifies (no compiler or node: only the sign-in part is exercised)
        Accounts accounts = new Accounts(new Database(() -> postgres), clock, AccountsConfig.from(Settings.bundled()));
        main.bind("contractTools", new contracts.ContractTools(null, null, contracts.ContractTools.MAINNET,
                codec.address.Network.MAINNET, 1 << 20, new AccountUploaders(accounts)));
        main.start();
    }

    record Answer(int status, String body, HttpResponse<String> raw) {
        com.fasterxml.jackson.databind.JsonNode json() {
            try {
                return api.ApiJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(body, e);
            }
        }
    }

    Answer send(String method, String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body(), r);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        main.stop();
    }
}
