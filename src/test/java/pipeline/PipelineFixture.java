package pipeline;

import archive.FileArchiveStore;
import codec.actors.CallDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;
import testsupport.SharedEngines;

/** A replay node over one recorded network, a fresh ClickHouse database and an indexer wired to both. */
final class PipelineFixture implements AutoCloseable {
    final String network;
    final ReplayNode node;
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final LotusClient lotus;
    final ClickHouseAccess clickHouse;
    final Path archiveDir;
    final HeightIndexer indexer;

    PipelineFixture(String network, String database) {
        this.network = network;
        this.node = ReplayNode.start(ReplayConfig.of(FixtureCounts.LOTUS.resolve(network)));
        this.lotus = new LotusClient(LotusClientConfig.of(node.url().toString()), metrics);
        this.clickHouse = SharedEngines.clickHouse(database);
        this.archiveDir = SharedEngines.newTempDir().resolve("archive");
        HeightExtractor extractor = new HeightExtractor(lotus, new AddressBook(lotus, 10_000), CallDecoder.standard(),
                () -> network, true);
        this.indexer = new HeightIndexer(extractor, new ClickHouseRowWriter(clickHouse.client(), 60),
                new FileArchiveStore(archiveDir), 2, 5_000);
    }

    /** One value per row of a parameterised query (bind parameters only). */
    List<String> column(String sql, Object... params) {
        try (Connection c = clickHouse.dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long count(String sql, Object... params) {
        return Long.parseLong(column(sql, params).get(0));
    }

    @Override
    public void close() {
        indexer.close();
        node.close();
    }
}
