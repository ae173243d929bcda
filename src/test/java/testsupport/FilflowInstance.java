package testsupport;

import filflow.ConfigKey;
import filflow.FilflowMain;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import storage.ClickHouseAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole application booted through camel-main, as {@code mvn camel:run} starts it, on free
 * ports. {@link #start} runs it on the shared test engines; {@link #startEmbedded} lets it start
 * its own embedded engines under {@code dataDir}, exactly as the one-command default does.
 */
public final class FilflowInstance implements AutoCloseable {
    /** Nothing listens here: tests never reach the public Lotus default. */
    public static final String UNREACHABLE_LOTUS = "http://127.0.0.1:9/rpc/v1";
    /** An override naming a profile ({@code application-<profile>.properties}), e.g. {@code demo}. */
    public static final String PROFILE = "camel.main.profile";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    private final int httpPort;
    private final int managementPort;

    private FilflowInstance(Main main, int httpPort, int managementPort) {
        this.main = main;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** On the shared engines; {@code overrides} are property names (e.g. {@code lotus.url}) and values. */
    public static FilflowInstance start(Path dataDir, Map<String, String> overrides) {
        SharedEngines.startAll();
        ClickHouseAccess clickHouse = SharedEngines.clickHouse();
        var chdb = SharedEngines.chdbProcess();
        var postgres = SharedEngines.postgresServer();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ConfigKey.CLICKHOUSE_URL.property(), clickHouse.url());
        properties.put(ConfigKey.CLICKHOUSE_USER.property(), chdb.user());
        properties.put(ConfigKey.CLICKHOUSE_PASSWORD.property(), chdb.password());
        properties.put(ConfigKey.CLICKHOUSE_DATABASE.property(), clickHouse.database());
        properties.put(ConfigKey.KAFKA_BROKERS.property(), SharedEngines.kafkaBrokers());
        properties.put(ConfigKey.POSTGRES_URL.property(), postgres.jdbcUrl());
        properties.put(ConfigKey.POSTGRES_USER.property(), postgres.user());
        properties.put(ConfigKey.POSTGRES_PASSWORD.property(), postgres.password());
        properties.putAll(overrides);
        return startEmbedded(dataDir, properties);
    }

    /** With the application's own embedded engines (unless {@code overrides} name servers). */
    public static FilflowInstance startEmbedded(Path dataDir, Map<String, String> overrides) {
        int httpPort = freePort();
        int managementPort = freePort();
        Main main = FilflowMain.create();
        main.addOverrideProperty(ConfigKey.DATA_DIR.property(), dataDir.toString());
        main.addOverrideProperty(ConfigKey.HTTP_PORT.property(), Integer.toString(httpPort));
        main.addOverrideProperty(ConfigKey.MANAGEMENT_PORT.property(), Integer.toString(managementPort));
        main.addOverrideProperty(ConfigKey.LOTUS_URL.property(), UNREACHABLE_LOTUS);
        // camel-main reads the profile before any property source but the system's and its own configuration
        if (overrides.containsKey(PROFILE)) {
            main.configure().setProfile(overrides.get(PROFILE));
        }
        overrides.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            main.stop();
            throw new IllegalStateException("filflow did not start: " + e.getMessage(), e);
        }
        return new FilflowInstance(main, httpPort, managementPort);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** The body of {@code /observe/health} (JSON, every check with its details). */
    public String health() {
        return get(managementUrl("/observe/health")).body();
    }

    /** The body of {@code /observe/metrics} (Prometheus text format). */
    public String metrics() {
        return get(managementUrl("/observe/metrics")).body();
    }

    public URI managementUrl(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public URI apiUrl(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        main.stop();
    }

    /** A free loopback port (tests bind loopback only). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
