package storage;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientConfigProperties;
import com.clickhouse.jdbc.DataSourceImpl;

import javax.sql.DataSource;
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

    private final String url;
    private final String database;
    private final Client client;
    private final DataSource dataSource;

    private ClickHouseAccess(String url, String user, String password, String database) {
        this.url = url;
        this.database = database;
        Client.Builder builder = new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password == null ? "" : password)
                .setDefaultDatabase(database);
        PINNED_SETTINGS.forEach(builder::serverSetting);
        this.client = builder.build();
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password == null ? "" : password);
        PINNED_SETTINGS.forEach((name, value) ->
                properties.setProperty(ClientConfigProperties.SERVER_SETTING_PREFIX + name, value));
        this.dataSource = new DataSourceImpl("jdbc:clickhouse:" + url + "/" + database, properties);
    }

    /** {@code url} is the HTTP endpoint, e.g. {@code http://clickhouse:8123}. */
    public static ClickHouseAccess open(String url, String user, String password, String database) {
        return new ClickHouseAccess(stripTrailingSlash(url), user, password, database);
    }

    public Client client() {
        return client;
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
        client.close();
    }
}
