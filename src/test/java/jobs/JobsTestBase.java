package jobs;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.Fixtures;
import testsupport.SharedEngines;

/**
 * What the job tests run on: the shared engines (a ClickHouse database of the class's own), the
 * recorded mainnet chain on a replay node, and for each test a heights topic of its own and empty
 * job tables (cursor, walks). A subclass calls {@link #startEngines} from its {@code @BeforeAll};
 * its own {@code @BeforeEach} runs after {@link #freshQueue}, its {@code @AfterEach} before the
 * topic is closed.
 */
abstract class JobsTestBase {
    static ClickHouseAccess clickHouse;
    static DataSource postgres;
    static String brokers;
    static ReplayNode mainnet;
    static LotusClient lotus;
    static LotusNodeChain chain;
    String topicName;
    HeightsTopic topic;
    JobStore store;
    ProcessingReports reports;

    static void startEngines(String database) {
        clickHouse = SharedEngines.clickHouse(database);
        postgres = SharedEngines.postgres();
        brokers = SharedEngines.kafkaBrokers();
        mainnet = ReplayNode.start(ReplayConfig.of(Fixtures.MAINNET));
        lotus = new LotusClient(LotusClientConfig.of(mainnet.url().toString()), new SimpleMeterRegistry());
        chain = new LotusNodeChain(lotus);
    }

    @AfterAll
    static void stopNode() {
        if (mainnet != null) {
            mainnet.close();
            mainnet = null;
        }
    }

    @BeforeEach
    void freshQueue() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        topicName = "heights-" + id;
        topic = new HeightsTopic(brokers, topicName, 4, (short) 1, "indexer-" + id);
        topic.ensure();
        store = new JobStore(postgres);
        reports = new ProcessingReports(clickHouse.client());
        try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE indexer_cursor, index_walks, scheduler_observations");
        }
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }
}
