package storage;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientConfigProperties;
import com.clickhouse.jdbc.DataSourceImpl;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;

/**
 * The one way filflow reaches ClickHouse: the official client (and its JDBC driver) over the
 * ClickHouse HTTP interface, configured identically for a ClickHouse server and for the embedded
 * engine, so every line above the client behaves the same in both modes.
 */
public final class ClickHouseAccess implements AutoCloseable {
    /** Output settings sent with every request, embedded or server: JSON never loses 64-bit precision. */
    public static final Map<String, String> PINNED_SETTINGS = Map.of(
            "output_format_json_quote_64bit_integers", "1",
            "output_format_json_quote_decimals", "1");

    /** The HTTP header that puts a request in the API's share of the embedded engine's connections. */
    public static final String POOL_HEADER = "X-Filflow-Pool";
    public static final String API_POOL = "api";

    /**
     * Deadlines and pool sizes: every query carries {@code max_execution_time}, which the server
     * enforces (it stops the query, not only the client's wait), and the API reaches ClickHouse
     * through a pool of its own, so a slow API query cannot starve indexing, nor indexing the API.
     *
     * @param queryTimeout deadline of indexing, jobs and listener queries
     * @param apiQueryTimeout deadline of API queries
     * @param apiConnections most connections the API holds at once
     */
    public record Limits(Duration queryTimeout, Duration apiQueryTimeout, int apiConnections) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(300), Duration.ofSeconds(10), 4);
    }

    private final String url;
    private final String database;
    private final Client client;
    private final Client apiClient;
    private final DataSource dataSource;
    private ServerClock versionClock;

    private ClickHouseAccess(String url, String user, String password, String database, Limits limits) {
        this.url = url;
        this.database = database;
        this.client = builder(url, user, password, database, limits.queryTimeout()).build();
        this.apiClient = builder(url, user, password, database, limits.apiQueryTimeout())
                .setMaxConnections(limits.apiConnections())
                // waiting for one of the API's connections counts against the same deadline
                .setConnectionRequestTimeout(limits.apiQueryTimeout().toMillis(), ChronoUnit.MILLIS)
                .httpHeader(POOL_HEADER, API_POOL)
                .build();
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password == null ? "" : password);
        PINNED_SETTINGS.forEach((name, value) ->
                properties.setProperty(ClientConfigProperties.SERVER_SETTING_PREFIX + name, value));
        properties.setProperty(ClientConfigProperties.SERVER_SETTING_PREFIX + "max_execution_time",
                seconds(limits.queryTimeout()));
        this.dataSource = new DataSourceImpl("jdbc:clickhouse:" + url + "/" + database, properties);
    }

    /** {@code url} is the HTTP endpoint, e.g. {@code http://clickhouse:8123}. */
    public static ClickHouseAccess open(String url, String user, String password, String database) {
        return open(url, user, password, database, Limits.DEFAULT);
    }

    public static ClickHouseAccess open(String url, String user, String password, String database, Limits limits) {
        return new ClickHouseAccess(stripTrailingSlash(url), user, password, database, limits);
    }

    private static Client.Builder builder(String url, String user, String password, String database, Duration deadline) {
        Client.Builder builder = new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password == null ? "" : password)
                .setDefaultDatabase(database)
                .serverSetting("max_execution_time", seconds(deadline))
                // the server stops the query at its deadline; the socket waits a little longer for that answer
                .setSocketTimeout(deadline.plusSeconds(5).toMillis(), ChronoUnit.MILLIS);
        PINNED_SETTINGS.forEach(builder::serverSetting);
        return builder;
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    /** Indexing, jobs, listener: deadline {@link Limits#queryTimeout()}. */
    public Client client() {
        return client;
    }

    /** The API's own pool: deadline {@link Limits#apiQueryTimeout()}, at most {@link Limits#apiConnections()} at once. */
    public Client apiClient() {
        return apiClient;
    }

    /** The clock versions are taken from: ClickHouse's, shared by every instance ({@link ServerClock}). */
    public synchronized java.time.Clock versionClock() {
        if (versionClock == null) {
            versionClock = new ServerClock(client, java.time.Clock.systemUTC(), Duration.ofMinutes(1));
        }
        return versionClock;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    public String database() {
        return database;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        apiClient.close();
        client.close();
    }
}
