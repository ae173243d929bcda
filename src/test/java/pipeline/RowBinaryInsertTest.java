package pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.actors.CallDecoder;
import com.clickhouse.data.ClickHouseFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;
import storage.rows.Row;
import storage.rows.TipsetRow;
import testsupport.SharedEngines;

/**
 * The rows of every recorded height of both networks, extracted from the raw recordings, written
 * once in JSONEachRow and once in RowBinary into two databases: every table holds the same values
 * either way, and every pipeline table is written in RowBinary.
 */
class RowBinaryInsertTest {

    @Test
    void everyRecordedRowIsStoredAlikeInRowBinaryAndJson() throws Exception {
        ClickHouseAccess json = SharedEngines.clickHouse("rowbinary_json");
        ClickHouseAccess binary = SharedEngines.clickHouse("rowbinary_binary");
        ClickHouseRowWriter jsonWriter = new ClickHouseRowWriter(json.client(), 60, false);
        ClickHouseRowWriter binaryWriter = new ClickHouseRowWriter(binary.client(), 60);
        Map<String, List<Row>> byTable = new LinkedHashMap<>();
        for (String network : List.of("calibnet", "mainnet")) {
            try (ReplayNode node = ReplayNode.start(ReplayConfig.of(FixtureCounts.LOTUS.resolve(network)))) {
                LotusClient lotus = new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
                HeightExtractor extractor = new HeightExtractor(lotus, new ActorCache(lotus, 10_000),
                        CallDecoder.standard(), () -> network, null);
                for (long h : FixtureCounts.recordedHeights(network)) {
                    if (!FixtureCounts.hasTraces(network, h)) {
                        continue;
                    }
                    HeightRows rows = extractor.extract(h);
                    for (Row row : rows.rows()) {
                        byTable.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row);
                    }
                    byTable.computeIfAbsent(TipsetRow.TABLE, t -> new ArrayList<>()).add(rows.tipset());
                }
            }
        }
        assertThat(byTable).containsKeys("tipsets", "blocks", "block_messages", "messages", "subcalls", "events",
                "actor_facts", "creations");
        for (Map.Entry<String, List<Row>> e : byTable.entrySet()) {
            String table = e.getKey();
            assertThat(binaryWriter.format(table, e.getValue().get(0).getClass())).as(table)
                    .isEqualTo(ClickHouseFormat.RowBinaryWithNames);
            jsonWriter.insert(table, e.getValue());
            binaryWriter.insert(table, e.getValue());
            List<String> want = rows(json, table);
            assertThat(want).as(table).isNotEmpty();
            assertThat(rows(binary, table)).as(table).isEqualTo(want);
        }
    }

    @Test
    void aValueOutOfTheColumnsRangeFailsTheInsert() {
        ClickHouseAccess binary = SharedEngines.clickHouse("rowbinary_range");
        ClickHouseRowWriter writer = new ClickHouseRowWriter(binary.client(), 60);
        TipsetRow tooManyBlocks = new TipsetRow(1, "", List.of(), 1, "", 0, java.math.BigInteger.ZERO, 70_000, 0, 0,
                0, 0, 0, 0, "full", java.math.BigInteger.ZERO, "2026-01-02 03:04:05.123456");
        assertThat(writer.format(TipsetRow.TABLE, TipsetRow.class)).isEqualTo(ClickHouseFormat.RowBinaryWithNames);
        assertThatThrownBy(() -> writer.insert(TipsetRow.TABLE, List.of(tooManyBlocks)))
                .hasStackTraceContaining("70000 is out of the range of a UInt16 column");
    }

    /** Every row of a table, each column as ClickHouse prints it, sorted. */
    private static List<String> rows(ClickHouseAccess clickHouse, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = clickHouse.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT toString(tuple(*)) FROM " + table)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        out.sort(null);
        return out;
    }
}
