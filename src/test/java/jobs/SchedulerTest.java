package jobs;

import static org.assertj.core.api.Assertions.assertThat;

import filflow.ConfigKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.Fixtures;
import testsupport.SharedEngines;

/**
 * Issue 14 item 8 (several instances) and item 5 (walks clamped): one instance at a time runs the
 * jobs that feed the queue, another takes over when it dies; a backfill leaves follow its share of
 * the queue and never enqueues heights above {@code head - confidence}. Real broker, PostgreSQL and
 * ClickHouse, the recorded mainnet chain on a replay node.
 */
class SchedulerTest {
    private static final int IN_FLIGHT = Integer.parseInt(ConfigKey.FILFLOW_JOBS_IN_FLIGHT.defaultValue());
    private static final int WALK_IN_FLIGHT = Integer.parseInt(ConfigKey.FILFLOW_JOBS_WALK_IN_FLIGHT.defaultValue());
    private static ClickHouseAccess clickHouse;
    private static DataSource postgres;
    private static String brokers;
    private static ReplayNode mainnet;
    private static LotusNodeChain chain;
    private String topicName;
    private HeightsTopic topic;
    private HeightQueue queue;
    private JobStore store;

    @BeforeAll
    static void engines() {
        clickHouse = SharedEngines.clickHouse("jobs_scheduler");
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
        try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE indexer_cursor, index_walks");
        }
    }

    @AfterEach
    void close() {
        queue.close();
        topic.close();
    }

    @Test
    void oneInstanceRunsTheJobsAndAnotherTakesOverWhenItsConnectionCloses() {
        long head = chain.head().height();
        try (SchedulerLease first = new SchedulerLease(postgres); SchedulerLease second = new SchedulerLease(postgres)) {
            FollowJob followA = follow(head - 24);
            FollowJob followB = follow(head - 24);
            IndexingJobs a = jobs(followA, first);
            IndexingJobs b = jobs(followB, second);
            a.runFollow();
            b.runFollow();
            b.runWalk();
            b.runGaps();
            assertThat(followA.lastHead()).as("the first instance ran follow").isNotNull();
            assertThat(followB.lastHead()).as("the second one did not").isNull();
            assertThat(TopicContents.read(brokers, topicName, 20)).extracting(WorkItem::height)
                    .as("enqueued once").containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(head - 24, head - 5).boxed().toList());

            first.close(); // the holder dies: PostgreSQL releases the lock with its connection
            b.runFollow();
            assertThat(followB.lastHead()).as("the second instance took over").isNotNull();
            a.runFollow();
            assertThat(first.held()).as("the first is now the follower").isFalse();
        }
    }

    @Test
    void aBackfillLeavesFollowItsShareOfTheQueue() {
        long head = chain.head().height();
        FollowJob follow = follow(head - 24);
        WalkJob walk = new WalkJob(store, queue, topic, Math.min(IN_FLIGHT, WALK_IN_FLIGHT), follow::ceiling);
        walk.start(new HeightRange(head - 100_000, head - 50_000));
        assertThat(walk.tick()).isPositive();
        assertThat(follow.tick()).as("follow's heights while a walk saturates its share").isEqualTo(20);
    }

    @Test
    void aWalkNeverEnqueuesHeightsAboveHeadMinusConfidence() {
        long head = chain.head().height();
        FollowJob follow = follow(-1);
        WalkJob walk = new WalkJob(store, queue, topic, IN_FLIGHT, follow::ceiling);
        walk.start(new HeightRange(head - 10, head + 10));
        assertThat(walk.tick()).isEqualTo(6);
        assertThat(walk.tick()).isZero();
        assertThat(store.activeWalks()).as("the rest waits for the chain to grow").hasSize(1);
        List<Long> heights = TopicContents.read(brokers, topicName, 6).stream().map(WorkItem::height).toList();
        assertThat(heights).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(head - 10, head - 5).boxed().toList());
    }

    private FollowJob follow(long start) {
        return new FollowJob(chain, store, queue, topic, new StoredTipsets(clickHouse.client()),
                new FollowJob.Settings(5, start, IN_FLIGHT, 20));
    }

    private IndexingJobs jobs(FollowJob follow, SchedulerLease lease) {
        return new IndexingJobs(follow, new WalkJob(store, queue, topic, WALK_IN_FLIGHT, follow::ceiling),
                new GapsJob(store, new ProcessingReports(clickHouse.client()), queue, topic, 100), queue,
                new ProcessingReports(clickHouse.client()), "full", lease::held);
    }
}
