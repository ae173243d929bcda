package storage;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded engine through the official client and JDBC driver, exactly as production reaches a server. */
class ClickHouseEmbeddedTest {
    private static ClickHouseAccess access;

    @BeforeAll
    static void engine() {
        access = SharedEngines.clickHouse("engine_test");
    }

    @Test
    void batchInsertsHundredThousandRowsThroughJdbcAndReadsThemBack() throws Exception {
        int rows = 100_000;
        try (Connection connection = access.dataSource().getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE numbers_batch (id UInt64, label String, amount UInt256) ENGINE = MergeTree ORDER BY id");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO numbers_batch (id, label, amount) VALUES (?, ?, ?)")) {
                for (long id = 0; id < rows; id++) {
                    insert.setLong(1, id);
                    // labels with blank lines and quotes: the data must survive byte for byte
                    insert.setString(2, "row\n\n" + id + "'s");
                    insert.setObject(3, BigInteger.valueOf(id).shiftLeft(70));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement query = connection.createStatement();
                 ResultSet result = query.executeQuery(
                         "SELECT count(), sum(id), sum(amount), countIf(label = concat('row\\n\\n', toString(id), '''s'))"
                                 + " FROM numbers_batch")) {
                result.next();
                long expectedSum = (long) rows * (rows - 1) / 2;
                assertThat(result.getLong(1)).isEqualTo(rows);
                assertThat(result.getLong(2)).isEqualTo(expectedSum);
                assertThat(new BigInteger(result.getString(3))).isEqualTo(BigInteger.valueOf(expectedSum).shiftLeft(70));
                assertThat(result.getLong(4)).isEqualTo(rows);
            }
        }
    }

    @Test
    void replacingMergeTreeWithFinalKeepsTheNewestVersion() throws Exception {
        Client client = access.client();
        client.execute("CREATE TABLE versions (k UInt32, v UInt32, payload String) ENGINE = ReplacingMergeTree(v) ORDER BY k")
                .get().close();
        client.execute("INSERT INTO versions VALUES (1, 1, 'old'), (2, 1, 'only')").get().close();
        client.execute("INSERT INTO versions VALUES (1, 2, 'new')").get().close();

        List<GenericRecord> rows = client.queryAll("SELECT k, payload FROM versions FINAL ORDER BY k");

        assertThat(rows).extracting(row -> row.getString("payload")).containsExactly("new", "only");
    }

    @Test
    void uint256AboveTwoToTheSixtyFourRoundTripsExactly() throws Exception {
        BigInteger amount = BigInteger.TWO.pow(200).add(BigInteger.valueOf(123_456_789));
        Client client = access.client();
        client.execute("CREATE TABLE balances (id UInt32, amount UInt256) ENGINE = MergeTree ORDER BY id").get().close();
        client.execute("INSERT INTO balances VALUES (1, {amount:UInt256})", Map.of("amount", amount.toString()))
                .get().close();

        GenericRecord row = client.queryAll("SELECT amount, toString(amount) AS text FROM balances").get(0);

        assertThat(row.getBigInteger("amount")).isEqualTo(amount);
        assertThat(row.getString("text")).isEqualTo(amount.toString());
    }

    @Test
    void parametersAreBoundByTheServer() {
        List<GenericRecord> rows = access.client().queryAll(
                "SELECT {name:String} AS name, {n:UInt64} * 2 AS doubled",
                Map.of("name", "it's; DROP TABLE x", "n", 21));

        assertThat(rows.get(0).getString("name")).isEqualTo("it's; DROP TABLE x");
        assertThat(rows.get(0).getLong("doubled")).isEqualTo(42);
    }

    @Test
    void sixtyFourBitIntegersAreQuotedInJson() {
        List<GenericRecord> rows = access.client().queryAll(
                "SELECT formatRow('JSONEachRow', toUInt64(18446744073709551615)) AS json");

        assertThat(rows.get(0).getString("json")).contains("\"18446744073709551615\"");
    }

    @Test
    void aBadQueryGivesTheEnginesErrorAndTheConnectionStaysUsable() {
        assertThatThrownBy(() -> access.client().queryAll("SELECT * FROM no_such_table"))
                .rootCause()
                .hasMessageContaining("UNKNOWN_TABLE")
                .hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> access.client().queryAll("SELEC 1"))
                .rootCause()
                .hasMessageContaining("Syntax error");

        for (int i = 0; i < 20; i++) {
            assertThat(access.client().queryAll("SELECT 7 AS seven").get(0).getInteger("seven")).isEqualTo(7);
        }
    }

    @Test
    void migrationsAreRecordedAndIdempotent() {
        assertThat(access.client().queryAll("SELECT version FROM schema_migrations FINAL ORDER BY version"))
                .extracting(row -> row.getString("version")).contains("001");
        assertThat(access.client().queryAll("EXISTS TABLE processing_reports").get(0).getInteger(1)).isEqualTo(1);

        assertThat(MigrationRunner.migrate(access.dataSource(), Engine.CLICKHOUSE)).isEmpty();
    }
}
