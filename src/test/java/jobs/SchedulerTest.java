package jobs;

import static org.assertj.core.api.Assertions.assertThat;

import filflow.ConfigKey;
import filflow.Settings;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

/**
 * Issue 14 item 8 (several instances) and item 5 (walks clamped): one instance at a time runs the
 * jobs that feed the queue, another takes over when it dies; a backfill leaves follow its share of
 * the queue and never enqueues heights above {@code head - confidence}. Real broker, PostgreSQL and
 * ClickHouse, the recorded mainnet chain on a replay node.
 */
class SchedulerTest extends JobsTestBase {
    private static final int IN_FLIGHT = Integer.parseInt(Settings.bundled().get(ConfigKey.FILFLOW_JOBS_IN_FLIGHT));
    private static final int CONFIDENCE = 5;
    private static final int WALK_IN_FLIGHT = Integer.parseInt(Settings.bundled().get(ConfigKey.FILFLOW_JOBS_WALK_IN_FLIGHT));
    private final java.util.List<JobRoutes> routes = new java.util.ArrayList<>();

    @BeforeAll
    static void engines() {
        startEngines("jobs_scheduler");
    }

    @AfterEach
    void close() {
        routes.forEach(JobRoutes::close);
        routes.clear();
    }

    @Test
    void oneInstanceRunsTheJobsAndAnotherTakesOverWhenItsConnectionCloses() throws Exception {
        long head = lotus.chainHead().height();
        try (SchedulerLease first = new SchedulerLease(postgres); SchedulerLease second = new SchedulerLease(postgres)) {
            FollowJob followA = follow(head - 24);
            FollowJob followB = follow(head - 24);
            JobRoutes a = start(followA, walk(followA, WALK_IN_FLIGHT), first);
            JobRoutes b = start(followB, walk(followB, WALK_IN_FLIGHT), second);
            assertThat(a.follow(lotus.chainHead(), CONFIDENCE).size()).isEqualTo(20);
            assertThat(b.follow(lotus.chainHead(), CONFIDENCE).size()).as("the second instance hands nothing over").isZero();
            assertThat(b.tick("walk-ranges").isEmpty()).isTrue();
            assertThat(b.tick("fill-gaps").isEmpty()).isTrue();
            assertThat(followB.lastHead()).as("the second instance did not even poll the head").isNull();
            assertThat(TopicContents.read(brokers, topicName, 20)).extracting(WorkItem::height)
                    .as("enqueued once").containsExactlyInAnyOrderElementsOf(
                            LongStream.rangeClosed(head - 24, head - 5).boxed().toList());

            first.close(); // the holder stops: it releases the lock before its connection goes back to the pool
            b.follow(lotus.chainHead(), CONFIDENCE);
            assertThat(followB.lastHead()).as("the second instance took over").isNotNull();
            assertThat(a.follow(lotus.chainHead(), CONFIDENCE).isEmpty()).isTrue();
            assertThat(first.held()).as("the first is now the follower").isFalse();
        }
    }

    /**
     * Item 8: {@code /api/v1/status} of an instance that is not the scheduler shows what the
     * scheduler saw (head, confidence, missing heights), not its own idle jobs' nothing.
     */
    @Test
    void anInstanceThatIsNotTheSchedulerReportsTheSchedulersHeadAndGaps() throws Exception {
        long head = lotus.chainHead().height();
        // a walk whose progress says 30000..30009 were handed over, though they never reached Kafka
        JobStore.Walk lost = store.createWalk(new HeightRange(30_000, 30_009));
        store.advanceWalk(lost.id(), 30_010);
        try (SchedulerLease first = new SchedulerLease(postgres); SchedulerLease second = new SchedulerLease(postgres)) {
            IndexingJobs[] jobs = new IndexingJobs[2];
            FollowJob followA = follow(head - 24);
            FollowJob followB = follow(head - 24);
            JobRoutes a = start(followA, walk(followA, WALK_IN_FLIGHT), first, j -> jobs[0] = j);
            JobRoutes b = start(followB, walk(followB, WALK_IN_FLIGHT), second, j -> jobs[1] = j);
            assertThat(a.tick("fill-gaps").heights()).containsExactlyElementsOf(LongStream.rangeClosed(30_000, 30_009).boxed().toList());
            assertThat(a.follow(lotus.chainHead(), CONFIDENCE).size()).isEqualTo(20);
            assertThat(b.follow(lotus.chainHead(), CONFIDENCE).isEmpty()).isTrue();
            IndexingStatus scheduler = jobs[0].status();
            IndexingStatus other = jobs[1].status();
            assertThat(other.head()).as("the head follow saw").isEqualTo(head);
            assertThat(other.confidence()).isEqualTo(CONFIDENCE);
            assertThat(other.gaps()).as("the lost heights").isEqualTo(10);
            assertThat(other).isEqualTo(scheduler);
        }
    }

    /** Another instance has its own pool: a lease given up must not stay locked on a pooled connection. */
    @Test
    void aLeaseGivenUpCanBeTakenByAnotherInstance() {
        var server = SharedEngines.postgresServer();
        try (var otherPool = storage.PostgresDataSource.create(server.jdbcUrl(), server.user(), server.password())) {
            SchedulerLease mine = new SchedulerLease(postgres);
            assertThat(mine.held()).isTrue();
            try (SchedulerLease other = new SchedulerLease(otherPool)) {
                assertThat(other.held()).as("held by the first instance").isFalse();
                mine.close();
                assertThat(other.held()).as("released when given up").isTrue();
            }
            try (SchedulerLease again = new SchedulerLease(postgres)) {
                assertThat(again.held()).as("released again by the other instance").isTrue();
            }
        }
    }

    @Test
    void aBackfillLeavesFollowItsShareOfTheQueue() throws Exception {
        long head = lotus.chainHead().height();
        FollowJob follow = follow(head - 24);
        WalkJob walk = walk(follow, Math.min(IN_FLIGHT, WALK_IN_FLIGHT));
        walk.start(new HeightRange(head - 100_000, head - 50_000));
        JobRoutes jobs = start(follow, walk, null);
        assertThat(jobs.tick("walk-ranges").size()).isEqualTo(Math.min(IN_FLIGHT, WALK_IN_FLIGHT));
        assertThat(jobs.follow(lotus.chainHead(), CONFIDENCE).size()).as("follow's heights while a walk saturates its share")
                .isEqualTo(20);
    }

    @Test
    void aWalkNeverEnqueuesHeightsAboveHeadMinusConfidence() throws Exception {
        long head = lotus.chainHead().height();
        FollowJob follow = follow(-1);
        WalkJob walk = walk(follow, IN_FLIGHT);
        walk.start(new HeightRange(head - 10, head + 10));
        JobRoutes jobs = start(follow, walk, null);
        assertThat(jobs.tick("walk-ranges").heights())
                .containsExactlyElementsOf(LongStream.rangeClosed(head - 10, head - 5).boxed().toList());
        assertThat(jobs.tick("walk-ranges").isEmpty()).isTrue();
        assertThat(store.activeWalks()).as("the rest waits for the chain to grow").hasSize(1);
        assertThat(TopicContents.read(brokers, topicName, 6)).hasSize(6);
    }

    private FollowJob follow(long start) {
        return new FollowJob(chain, store, topic, new StoredTipsets(clickHouse.client()),
                new FollowJob.Settings(start, IN_FLIGHT, 20));
    }

    private WalkJob walk(FollowJob follow, int inFlight) {
        return new WalkJob(store, topic, inFlight, () -> lotus.chainHead().height() - CONFIDENCE);
    }

    /** The real job routes over these jobs; {@code lease} null: a single instance. */
    private JobRoutes start(FollowJob follow, WalkJob walk, SchedulerLease lease) throws Exception {
        return start(follow, walk, lease, j -> { });
    }

    private JobRoutes start(FollowJob follow, WalkJob walk, SchedulerLease lease,
                            java.util.function.Consumer<IndexingJobs> built) throws Exception {
        JobRoutes r = JobRoutes.jobs(brokers, topicName, q -> {
            IndexingJobs jobs = new IndexingJobs(follow, walk, new GapsJob(store, reports, topic, 100), q, reports, "full",
                    lease == null ? () -> true : lease::held);
            built.accept(jobs);
            return jobs;
        });
        routes.add(r);
        return r;
    }
}
