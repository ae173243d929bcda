package health;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.QueryResponse;
import lotus.LotusClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import storage.ClickHouseAccess;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The cheap calls that tell whether each dependency answers. */
public final class Probes {
    private static final int TIMEOUT_SECONDS = 3;

    private Probes() {
    }

    public static DependencyHealthCheck.Probe clickHouse(ClickHouseAccess access) {
        return () -> {
            try (QueryResponse response = access.client().query("SELECT version() AS v")
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                ClickHouseBinaryFormatReader reader = access.client().newBinaryFormatReader(response);
                reader.next();
                return "ClickHouse " + reader.getString("v");
            }
        };
    }

    public static DependencyHealthCheck.Probe postgres(DataSource dataSource) {
        return () -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(TIMEOUT_SECONDS)) {
                    throw new IllegalStateException("connection is not valid");
                }
                return connection.getMetaData().getDatabaseProductName() + " "
                        + connection.getMetaData().getDatabaseProductVersion();
            }
        };
    }

    public static DependencyHealthCheck.Probe kafka(String brokers) {
        int timeoutMs = (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.CLIENT_ID_CONFIG, "filflow-health");
        return () -> {
            try (Admin admin = Admin.create(config)) {
                int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
                return nodes + " broker(s)";
            }
        };
    }

    /** {@code lotus} should be a client without retries, so the probe answers quickly. */
    public static DependencyHealthCheck.Probe lotus(LotusClient lotus) {
        return () -> "Lotus " + lotus.version().version();
    }
}
