package web;

import api.IndexedFixtures;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.Fixtures;
import testsupport.FilflowInstance;
import testsupport.SharedEngines;

/**
 * The whole application over recorded mainnet heights, for the browser tests: the heights are
 * indexed through the real pipeline into a database of their own, then filflow starts on it with
 * a replay node as its Lotus (the contract listener resolves the recorded deployment through it).
 * {@code main} keeps one running for working on the UI:
 * {@code mvn -o -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=web.ExplorerApp}.
 */
public final class ExplorerApp implements AutoCloseable {
    /** 3573063 is not recorded: between two recorded heights it is a null round. */
    static final List<Long> HEIGHTS = List.of(3573062L, 3573063L, 3573064L);
    static final long NULL_ROUND = 3573063L;
    private static final String DATABASE = "web_explorer";

    private final ReplayNode node;
    private final FilflowInstance app;
    private final Path dataDir;

    private ExplorerApp(ReplayNode node, FilflowInstance app, Path dataDir) {
        this.node = node;
        this.app = app;
        this.dataDir = dataDir;
    }

    static ExplorerApp start(Map<String, String> extra) throws Exception {
        return start(extra, null);
    }

    /** With {@code ethNode} (may be null), the replay node forwards the Eth* methods to that EVM ({@code --eth-node}). */
    static ExplorerApp start(Map<String, String> extra, URI ethNode) throws Exception {
        IndexedFixtures.index("mainnet", HEIGHTS, DATABASE);
        ReplayConfig config = ReplayConfig.of(Fixtures.MAINNET);
        return serve(ethNode == null ? config : config.withEthNode(ethNode), DATABASE, extra);
    }

    /**
     * Recorded calibnet heights indexed one at a time, each by a pipeline of its own, as separate
     * runs of filflow would: every actor a height touches gets its balance snapshot at that height
     * (the node's recorded state), so balances over sparse heights are the chain's own.
     */
    static ExplorerApp calibnetHeightByHeight(List<Long> heights, String database) throws Exception {
        ClickHouseAccess clickHouse = IndexedFixtures.index("calibnet", heights.subList(0, 1), database);
        for (long height : heights.subList(1, heights.size())) {
            IndexedFixtures.reindex("calibnet", List.of(height), clickHouse);
        }
        return serve(ReplayConfig.of(Fixtures.CALIBNET), database,
                Map.of("filflow.heights.topic", "web-heights-" + database, "filflow.heights.group", "web-indexer-" + database));
    }

    private static ExplorerApp serve(ReplayConfig chain, String database, Map<String, String> extra) throws Exception {
        ReplayNode node = ReplayNode.start(chain);
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("clickhouse.database", database);
            settings.put("lotus.url", node.url().toString());
            settings.put("filflow.jobs.follow.enabled", "false");
            settings.put("filflow.jobs.gaps.enabled", "false");
            settings.put("filflow.heights.topic", "web-heights");
            settings.put("filflow.heights.group", "web-indexer");
            // IndexedFixtures announced the recorded deployment here: the listener stores the contract
            settings.put("filflow.contracts.topic", "new_contract_" + database);
            settings.put("filflow.pipeline.new-contract.topic", "new_contract_" + database);
            settings.put("filflow.contracts.group", "web-contracts-" + System.nanoTime());
            settings.putAll(extra);
            Path dataDir = SharedEngines.newTempDir();
            return new ExplorerApp(node, FilflowInstance.start(dataDir, settings), dataDir);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    URI url(String path) {
        return app.apiUrl(path);
    }

    /** DATA_DIR of the application (the sign-in mail lands in its outbox/). */
    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            node.close();
        }
    }

    public static void main(String[] args) throws Exception {
        try (ExplorerApp app = start(Map.of())) {
            System.out.println("explorer: " + app.url("/"));
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
