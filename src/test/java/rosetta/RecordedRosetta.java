package rosetta;

import api.ApiServer;
import api.IndexedFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Rosetta API of a test class (a static {@code @RegisterExtension} field) over recorded heights
 * indexed by the real pipeline: indexed and served before the class's own set-up, each test
 * starting with no validation problems, the server closed after the class.
 */
final class RecordedRosetta implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final String fixtures;
    private final List<Long> heights;
    private final String database;
    private final String network;
    private ApiServer server;
    private RosettaClient client;

    /** {@code fixtures}: the recordings (mainnet, calibnet); {@code network}: the Rosetta network they are served as. */
    RecordedRosetta(String fixtures, List<Long> heights, String database, String network) {
        this.fixtures = fixtures;
        this.heights = heights;
        this.database = database;
        this.network = network;
    }

    ApiServer server() {
        return server;
    }

    RosettaClient client() {
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        var clickHouse = IndexedFixtures.index(fixtures, heights, database);
        server = ApiServer.start(Map.of("clickHouse", clickHouse), Map.of("rosetta.network", network));
        client = new RosettaClient(server, network);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        client.problems().clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }
}
