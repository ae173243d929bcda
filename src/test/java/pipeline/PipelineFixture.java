package pipeline;

import archive.FileArchiveStore;
import codec.actors.CallDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
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
    final ActorCache actorCache;
    final HeightIndexer indexer;
    /** The pipeline route over {@link #indexer}: what tests and the benchmark index through. */
    final PipelineRoute route;

    PipelineFixture(String network, String database) {
        this(network, database, Integer.MAX_VALUE);
    }

    /** @param rowsInMemory most rows one height holds before they are inserted */
    PipelineFixture(String network, String database, int rowsInMemory) {
        this(ReplayConfig.of(FixtureCounts.LOTUS.resolve(network)), network, database, rowsInMemory);
    }

    /** Over a replay node of {@code config} (a synthetic chain, say). */
    PipelineFixture(ReplayConfig config, String network, String database, int rowsInMemory) {
        this.network = network;
        this.node = ReplayNode.start(config);
        this.lotus = new LotusClient(LotusClientConfig.of(node.url().toString()), metrics);
        this.clickHouse = SharedEngines.clickHouse(database);
        this.archiveDir = SharedEngines.newTempDir().resolve("archive");
        this.actorCache = new ActorCache(lotus, 10_000);
        HeightExtractor extractor = new HeightExtractor(lotus, actorCache, CallDecoder.standard(),
                () -> network, new FileArchiveStore(archiveDir));
        this.indexer = new HeightIndexer(extractor, new ClickHouseRowWriter(clickHouse.client(), 60), 2,
                Long.MAX_VALUE, rowsInMemory);
        this.route = new PipelineRoute(indexer);
    }

    List<String> column(String sql, Object... params) {
        return new PipelineFixtureQueries(clickHouse).column(sql, params);
    }

    long count(String sql, Object... params) {
        return new PipelineFixtureQueries(clickHouse).count(sql, params);
    }

    @Override
    public void close() {
        route.close();
        indexer.close();
        node.close();
    }
}
