package contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;
import testsupport.SharedEngines;

/** The migration: writing the same actor twice leaves one row under FINAL, the newer version. */
class ContractsTableTest {

    @Test
    void oneRowPerActorIdUnderFinal() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("contracts_table_test");
        ClickHouseRowWriter writer = new ClickHouseRowWriter(ch.client(), 60);
        writer.insert(ContractRow.TABLE, List.of(row(1, "")));
        writer.insert(ContractRow.TABLE, List.of(row(2, "0xab")));
        try (Connection c = ch.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(), any(bytecode), any(deployer_id) FROM contracts FINAL WHERE actor_id = ?")) {
            s.setLong(1, 77);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(1);
                assertThat(r.getString(2)).isEqualTo("0xab");
                assertThat(r.getObject(3)).isNull();
            }
        }
    }

    private static ContractRow row(long version, String bytecode) {
        return new ContractRow(77, "f2x", "", "", "native", "bafk", "multisig", null, "", "", "",
                "bafymsg", 10, "bafyblock", 1_700_000_000L, "", 0, "Exec", "f1a", "f01", "mainnet", bytecode, "",
                "none", version);
    }
}
