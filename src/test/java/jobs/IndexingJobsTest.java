package jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.query.GenericRecord;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.Fixtures;
import testsupport.SharedEngines;

/**
 * The jobs on the real broker, PostgreSQL and ClickHouse, with the indexer route consuming what
 * they enqueue (the per-height work done by a scripted stand-in): walk bounds what is in flight,
 * follow starts at the head and keeps a durable cursor, a changed tipset below the cursor is
 * re-enqueued, and the gaps job refills failed and missing heights.
 */
class IndexingJobsTest {
    private static ClickHouseAccess clickHouse;
    private static DataSource postgres;
    private static String brokers;
    private static ReplayNode mainnet;
    private static LotusNodeChain chain;
    private String topicName;
    private HeightsTopic topic;
    private HeightQueue queue;
    private JobStore store;
    private ProcessingReports reports;

    @BeforeAll
    static void engines() {
        clickHouse = SharedEngines.clickHouse("jobs_jobs");
        postgres = SharedEngines.postgres();
        brokers = SharedEngines.kafkaBrokers();
        mainnet = ReplayNode.start(ReplayConfig.of(Fixtures.MAINNET));
        chain = new LotusNodeChain(new LotusClient(LotusClientConfig.of(mainnet.url().toString()),
                new SimpleMeterRegistry()));
    }

    @AfterAll
    static void stopNode() {
        mainnet.close();
    }

    @BeforeEach
    void fresh() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        topicName = "heights-" + id;
        topic = new HeightsTopic(brokers, topicName, 4, (short) 1, "indexer-" + id);
        topic.ensure();
        queue = new HeightQueue(brokers, topicName);
        store = new JobStore(postgres);
        reports = new ProcessingReports(clickHouse.client());
        try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE indexer_cursor, index_walks");
        }
        clickHouse.client().execute("TRUNCATE TABLE processing_reports").get().close();
        clickHouse.client().execute("TRUNCATE TABLE tipsets").get().close();
    }

    @AfterEach
    void close() {
        queue.close();
        topic.close();
    }

    @Test
    void aWalkKeepsAtMostTheBoundInFlightAndCompletes() throws Exception {
        WalkJob walk = new WalkJob(store, queue, topic, 50);
        walk.start(new HeightRange(10_000, 10_299));
        try (ConsumerHarness consumer = harness(new ScriptedPipeline()).start()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                walk.tick();
                assertThat(topic.backlog()).isLessThanOrEqualTo(50);
                return store.activeWalks().isEmpty() && topic.backlog() == 0;
            });
        }
        assertThat(successfulHeights()).containsExactlyElementsOf(LongStream.rangeClosed(10_000, 10_299).boxed().toList());
        assertThat(store.allWalks()).singleElement().satisfies(w -> assertThat(w.finished()).isTrue());
    }

    @Test
    void theGapsJobRefillsFailedAndMissingHeightsOnceTheyIndex() throws Exception {
        ScriptedPipeline pipeline = new ScriptedPipeline();
        pipeline.failHeight(20_005, Integer.MAX_VALUE);
        WalkJob walk = new WalkJob(store, queue, topic, 1_000);
        GapsJob gaps = new GapsJob(store, reports, queue, topic, 1_000);
        walk.start(new HeightRange(20_000, 20_019));
        // a walk whose progress says 30000..30009 were handed over, though they never reached Kafka
        JobStore.Walk lost = store.createWalk(new HeightRange(30_000, 30_009));
        store.advanceWalk(lost.id(), 30_010);
        try (ConsumerHarness consumer = harness(pipeline).start()) {
            walk.tick();
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
            assertThat(reports.failed(10)).containsExactly(20_005L);

            IndexingJobs jobs = new IndexingJobs(new FollowJob(chain, store, queue, topic,
                    new StoredTipsets(clickHouse.client()), new FollowJob.Settings(5, -1, 100, 0)),
                    walk, gaps, queue, reports, "full");
            assertThat(gaps.run()).isEqualTo(11);
            assertThat(jobs.status().gaps()).isEqualTo(11);
            assertThat(jobs.status().lastError()).contains("scripted failure at 20005");
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
            assertThat(reports.failed(10)).as("the node still fails it").containsExactly(20_005L);

            pipeline.recover(20_005);
            assertThat(gaps.run()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
            assertThat(gaps.run()).isZero();
            assertThat(jobs.status().gaps()).isZero();
        }
        List<Long> expected = LongStream.concat(LongStream.rangeClosed(20_000, 20_019),
                LongStream.rangeClosed(30_000, 30_009)).boxed().toList();
        assertThat(successfulHeights()).containsExactlyElementsOf(expected);
    }

    @Test
    void followStartsAtTheHeadMinusConfidenceAndResumesFromItsCursor() {
        long head = chain.head().height();
        FollowJob.Settings settings = new FollowJob.Settings(5, -1, 100, 20);
        FollowJob follow = new FollowJob(chain, store, queue, topic, new StoredTipsets(clickHouse.client()), settings);
        assertThat(follow.tick()).isEqualTo(1);
        assertThat(store.followCursor()).contains(new JobStore.Cursor(head - 5, head - 4));
        FollowJob restarted = new FollowJob(chain, store, queue, topic, new StoredTipsets(clickHouse.client()), settings);
        assertThat(restarted.tick()).as("nothing new below head - confidence").isZero();
        assertThat(TopicContents.read(brokers, topicName, 1))
                .containsExactly(new WorkItem(head - 5, "follow", 0));
    }

    @Test
    void followFromAConfiguredHeightEnqueuesEveryHeightUpToHeadMinusConfidence() {
        long head = chain.head().height();
        FollowJob follow = new FollowJob(chain, store, queue, topic, new StoredTipsets(clickHouse.client()),
                new FollowJob.Settings(5, head - 24, 100, 20));
        assertThat(follow.tick()).isEqualTo(20);
        assertThat(TopicContents.read(brokers, topicName, 20)).extracting(WorkItem::height)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(head - 24, head - 5).boxed().toList());
    }

    @Test
    void aHeightWhoseStoredTipsetIsNoLongerTheNodesIsEnqueuedAgain() throws Exception {
        long recorded = 3_573_064;
        String nodeKey = chain.keyAt(recorded);
        assertThat(nodeKey).isNotEmpty();
        store.saveFollowCursor(new JobStore.Cursor(recorded - 10, recorded + 1));
        insertTipset(recorded, nodeKey);
        insertTipset(recorded - 2, "");                       // 3573062 is a recorded tipset, not a null round
        insertTipset(recorded - 1, "");                       // 3573063: a null round on the node too
        FollowJob follow = new FollowJob(chain, store, queue, topic, new StoredTipsets(clickHouse.client()),
                new FollowJob.Settings(5, -1, 1, 20));
        follow.tick();
        assertThat(TopicContents.read(brokers, topicName, 1))
                .containsExactly(new WorkItem(recorded - 2, "reorg", 0));
    }

    private void insertTipset(long height, String key) throws Exception {
        clickHouse.client().query("INSERT INTO tipsets (height, tipset_key, indexed_at) VALUES ({h:UInt64}, {k:String}, now64(6))",
                Map.of("h", height, "k", key)).get().close();
    }

    private ConsumerHarness harness(Object pipeline) throws Exception {
        return new ConsumerHarness(brokers, clickHouse, topicName, topic.group(), pipeline, new Properties());
    }

    private List<Long> successfulHeights() {
        return clickHouse.client().queryAll("SELECT height FROM processing_reports FINAL WHERE status != 'failed' ORDER BY height")
                .stream().map(r -> r.getLong("height")).toList();
    }
}
