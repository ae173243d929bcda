package jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.LongStream;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;



/**
 * The job routes (jobs.camel.yaml, queue-heights.camel.yaml, timers fired by the test) on the real
 * broker, PostgreSQL and ClickHouse, with the indexer route consuming what they enqueue (the per-height work done by a scripted stand-in): walk bounds what is in flight,
 * follow starts at the head and keeps a durable cursor, a changed tipset below the cursor is
 * re-enqueued, and the gaps job refills failed and missing heights.
 */
class IndexingJobsTest extends JobsTestBase {
    private JobRoutes routes;

    @BeforeAll
    static void engines() {
        startEngines("jobs_jobs");
    }

    @BeforeEach
    void emptyIndex() throws Exception {
        clickHouse.client().execute("TRUNCATE TABLE processing_reports").get().close();
        clickHouse.client().execute("TRUNCATE TABLE tipsets").get().close();
    }

    @AfterEach
    void close() {
        if (routes != null) {
            routes.close();
        }
    }

    @Test
    void aWalkKeepsAtMostTheBoundInFlightAndCompletes() throws Exception {
        WalkJob walk = new WalkJob(store, topic, 50);
        routes = start(follow(new FollowJob.Settings(-1, 100, 0)), walk);
        walk.start(new HeightRange(10_000, 10_299));
        try (ConsumerHarness consumer = harness(new ScriptedPipeline()).start()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                routes.tick("walk-ranges");
                assertThat(topic.backlog()).isLessThanOrEqualTo(50);
                return store.activeWalks().isEmpty() && topic.backlog() == 0;
            });
        }
        assertThat(successfulHeights()).containsExactlyElementsOf(LongStream.rangeClosed(10_000, 10_299).boxed().toList());
        assertThat(store.allWalks()).singleElement().satisfies(w -> assertThat(w.finished()).isTrue());
    }

    @Test
    void aWalkWhoseHeightsKafkaRefusesDoesNotAdvance() throws Exception {
        WalkJob walk = new WalkJob(store, topic, 50);
        JobStore.Walk w = walk.start(new HeightRange(11_000, 11_009));
        // the route's producer writes to a topic name Kafka rejects: the send fails, the walk stays put
        IndexingJobs[] jobs = new IndexingJobs[1];
        try (JobRoutes broken = JobRoutes.jobs(brokers, "not a topic!", q -> jobs[0] = new IndexingJobs(
                follow(new FollowJob.Settings(-1, 100, 0)), walk, gaps(1), q, reports, "full"))) {
            broken.tick("walk-ranges");
        }
        assertThat(jobs[0].status().lastError()).as("the failed tick is recorded").contains("walk-ranges", "not a topic!");
        assertThat(store.activeWalks()).singleElement().satisfies(a -> assertThat(a.next()).isEqualTo(w.next()));
        routes = start(follow(new FollowJob.Settings(-1, 100, 0)), walk);
        assertThat(routes.tick("walk-ranges").heights())
                .containsExactlyElementsOf(LongStream.rangeClosed(11_000, 11_009).boxed().toList());
        assertThat(store.activeWalks()).isEmpty();
        assertThat(TopicContents.read(brokers, topicName, 10)).extracting(WorkItem::height)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(11_000, 11_009).boxed().toList());
    }

    @Test
    void theGapsJobRefillsFailedAndMissingHeightsOnceTheyIndex() throws Exception {
        ScriptedPipeline pipeline = new ScriptedPipeline();
        pipeline.failHeight(20_005, Integer.MAX_VALUE);
        WalkJob walk = new WalkJob(store, topic, 1_000);
        GapsJob gaps = new GapsJob(store, reports, topic, 1_000);
        IndexingJobs[] jobs = new IndexingJobs[1];
        routes = JobRoutes.jobs(brokers, topicName, q -> jobs[0] = new IndexingJobs(
                follow(new FollowJob.Settings(-1, 100, 0)), walk, gaps, q, reports, "full"));
        walk.start(new HeightRange(20_000, 20_019));
        // a walk whose progress says 30000..30009 were handed over, though they never reached Kafka
        JobStore.Walk lost = store.createWalk(new HeightRange(30_000, 30_009));
        store.advanceWalk(lost.id(), 30_010);
        try (ConsumerHarness consumer = harness(pipeline).start()) {
            routes.tick("walk-ranges");
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
            assertThat(reports.failed(10)).containsExactly(20_005L);

            assertThat(routes.tick("fill-gaps").size()).isEqualTo(11);
            assertThat(jobs[0].status().gaps()).isEqualTo(11);
            assertThat(jobs[0].status().lastError()).contains("scripted failure at 20005");
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
            assertThat(reports.failed(10)).as("the node still fails it").containsExactly(20_005L);

            pipeline.recover(20_005);
            assertThat(routes.tick("fill-gaps").size()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
            assertThat(routes.tick("fill-gaps").size()).isZero();
            assertThat(jobs[0].status().gaps()).isZero();
        }
        List<Long> expected = LongStream.concat(LongStream.rangeClosed(20_000, 20_019),
                LongStream.rangeClosed(30_000, 30_009)).boxed().toList();
        assertThat(successfulHeights()).containsExactlyElementsOf(expected);
    }

    /**
     * Item 8: a walk keeps the queue busy for as long as it lasts; gaps are still found, and the
     * walk's heights still queued are not taken for gaps.
     */
    @Test
    void theGapsJobFindsGapsWhileAWalkKeepsTheQueueBusy() throws Exception {
        WalkJob walk = new WalkJob(store, topic, 20);
        routes = JobRoutes.jobs(brokers, topicName, q -> new IndexingJobs(
                follow(new FollowJob.Settings(-1, 100, 0)), walk, gaps(1_000), q, reports, "full"));
        // a walk whose progress says 30000..30009 were handed over, though they never reached Kafka
        JobStore.Walk lost = store.createWalk(new HeightRange(30_000, 30_009));
        store.advanceWalk(lost.id(), 30_010);
        walk.start(new HeightRange(40_000, 40_999));
        assertThat(routes.tick("walk-ranges").size()).isEqualTo(20);
        assertThat(routes.tick("fill-gaps").isEmpty()).as("40000..40019 are queued, not missing").isTrue();
        try (ConsumerHarness consumer = harness(new ScriptedPipeline()).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
        }
        assertThat(routes.tick("walk-ranges").size()).as("the walk tops the queue up again").isEqualTo(20);
        assertThat(topic.backlog()).isEqualTo(20);
        assertThat(routes.tick("fill-gaps").heights()).as("the lost heights, none of the walk's")
                .containsExactlyElementsOf(LongStream.rangeClosed(30_000, 30_009).boxed().toList());
        assertThat(routes.tick("fill-gaps").isEmpty()).as("not again while they are queued").isTrue();
        assertThat(store.activeWalks()).as("the walk is still under way").hasSize(1);
    }

    @Test
    void followStartsAtTheHeadMinusConfidenceAndResumesFromItsCursor() throws Exception {
        long head = lotus.chainHead().height();
        FollowJob.Settings settings = new FollowJob.Settings(-1, 100, 20);
        routes = start(follow(settings), new WalkJob(store, topic, 100));
        assertThat(routes.follow(lotus.chainHead(), 5).size()).isEqualTo(1);
        assertThat(store.followCursor()).contains(new JobStore.Cursor(head - 5, head - 4));
        routes.close();
        routes = start(follow(settings), new WalkJob(store, topic, 100));
        assertThat(routes.follow(lotus.chainHead(), 5).size()).as("nothing new below head - confidence").isZero();
        assertThat(TopicContents.read(brokers, topicName, 1))
                .containsExactly(new WorkItem(head - 5, "follow", 0));
    }

    @Test
    void followFromAConfiguredHeightEnqueuesEveryHeightUpToHeadMinusConfidence() throws Exception {
        long head = lotus.chainHead().height();
        routes = start(follow(new FollowJob.Settings(head - 24, 100, 20)), new WalkJob(store, topic, 100));
        assertThat(routes.follow(lotus.chainHead(), 5).size()).isEqualTo(20);
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
        routes = start(follow(new FollowJob.Settings(-1, 1, 20)), new WalkJob(store, topic, 1));
        routes.follow(lotus.chainHead(), 5);
        assertThat(TopicContents.read(brokers, topicName, 1))
                .containsExactly(new WorkItem(recorded - 2, "reorg", 0));
        assertThat(routes.follow(lotus.chainHead(), 5).items()).as("a reorg handed over is not handed over again")
                .doesNotContain(new WorkItem(recorded - 2, "reorg", 0));
    }

    private FollowJob follow(FollowJob.Settings settings) {
        return new FollowJob(chain, store, topic, new StoredTipsets(clickHouse.client()), settings);
    }

    private GapsJob gaps(int maxPerRun) {
        return new GapsJob(store, reports, topic, maxPerRun);
    }

    private JobRoutes start(FollowJob follow, WalkJob walk) throws Exception {
        return JobRoutes.jobs(brokers, topicName, q -> new IndexingJobs(follow, walk, gaps(1_000), q, reports, "full"));
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
