package api;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.main.Main;
import routes.ApiErrorConfiguration;

/** The API routes alone on a camel-main platform-http server on a free loopback port, for tests. */
public final class ApiServer implements AutoCloseable {
    private final Main main;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiServer(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    public static ApiServer start(Map<String, Object> beans, Map<String, String> properties) throws Exception {
        return start(beans, properties, false);
    }

    /**
     * The same with the application's own hooks on the HTTP server ({@link HttpErrorBodies#install}, as
     * filflow.FilflowConfiguration installs them): JSON error bodies of the server's own refusals and
     * load shedding ({@link RequestAdmission}).
     */
    public static ApiServer startWithServerHooks(Map<String, Object> beans, Map<String, String> properties) throws Exception {
        return start(beans, properties, true);
    }

    private static ApiServer start(Map<String, Object> beans, Map<String, String> properties, boolean hooks) throws Exception {
        int port = freePort();
        Main main = new Main();
        if (hooks) {
            main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
                @Override
                public void beforeConfigure(org.apache.camel.main.BaseMainSupport m) {
                    HttpErrorBodies.install(m.getCamelContext());
                }
            });
        }
        main.configure().addRoutesBuilder(new ApiErrorConfiguration());
        main.addMainListener(new ExplorerApiBinder());
        // only the API (routes/api-*.camel.yaml): no scanned or YAML routes of the other capabilities,
        // no management server
        main.addOverrideProperty("camel.main.base-package-scan", "api.none");
        main.addOverrideProperty("camel.main.routes-include-pattern", "classpath:routes/api-*.camel.yaml");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        properties.forEach(main::addOverrideProperty);
        beans.forEach(main::bind);
        main.start();
        return new ApiServer(main, port);
    }

    public record Answer(int status, String body) {
    }

    public Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    public Answer post(String path, String body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    /** Percent-encodes one path segment (RFC 3986 unreserved characters stay as they are). */
    public static String pathSegment(String raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** The REST definitions the application loaded from its YAML files. */
    java.util.List<org.apache.camel.model.rest.RestDefinition> restDefinitions() {
        return ((org.apache.camel.model.ModelCamelContext) main.getCamelContext()).getRestDefinitions();
    }

    int port() {
        return port;
    }

    private Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
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
