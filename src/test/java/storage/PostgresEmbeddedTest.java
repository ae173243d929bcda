package storage;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL server: migrations applied, and a round trip through camel-jdbc. */
class PostgresEmbeddedTest extends CamelTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("postgresDataSource", SharedEngines.postgres());
        return context;
    }

    @Test
    void migrationsAreAppliedOnceAndRecorded() throws Exception {
        DataSource postgres = SharedEngines.postgres();
        try (Connection connection = postgres.getConnection();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT version, name, length(sha256) FROM schema_migrations ORDER BY version")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("001");
            assertThat(rows.getString(2)).isEqualTo("001_indexer_cursor.sql");
            assertThat(rows.getInt(3)).isEqualTo(64);
        }
        assertThat(MigrationRunner.migrate(postgres, Engine.POSTGRES)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void roundTripThroughCamelJdbc() {
        String upsert = "INSERT INTO indexer_cursor (job, height) VALUES (:?job, :?height)"
                + " ON CONFLICT (job) DO UPDATE SET height = EXCLUDED.height, updated_at = now()";
        String select = "SELECT job, height FROM indexer_cursor WHERE job = :?job";
        String endpoint = "jdbc:postgresDataSource?useHeadersAsParameters=true";

        template.requestBodyAndHeaders(endpoint, upsert, Map.of("job", "engines-test", "height", 100L));
        template.requestBodyAndHeaders(endpoint, upsert, Map.of("job", "engines-test", "height", 3_500_000L));
        List<Map<String, Object>> rows = template.requestBodyAndHeaders(endpoint, select,
                Map.of("job", "engines-test"), List.class);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("job", "engines-test").containsEntry("height", 3_500_000L);
    }
}
