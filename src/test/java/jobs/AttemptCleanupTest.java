package jobs;

import static org.assertj.core.api.Assertions.assertThat;

import codec.actors.CallDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import observe.Meters;
import org.junit.jupiter.api.Test;
import pipeline.ActorCache;
import pipeline.HeightExtractor;
import pipeline.HeightIndexer;
import pipeline.HeightResult;
import pipeline.PipelineRoute;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;
import testsupport.Fixtures;
import testsupport.SharedEngines;

/**
 * Issue 14 item 6: the rows of indexing attempts no reader can be served any more are deleted,
 * and the attempts a reader is served or that may still be running are not. The chain is the
 * synthetic calibnet chain of {@code pipeline.ReindexTest}, indexed by the real route.
 */
class AttemptCleanupTest {
    private static final long FROM = 2000;
    private static final long TO = 2011;
    private static final List<Long> HEIGHTS = LongStream.rangeClosed(FROM, TO).boxed().toList();
    private static final String RANGE = " WHERE height BETWEEN " + FROM + " AND " + TO;
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void threeIndexingsOfTheSameHeightsLeaveOneCopyPerTableAfterTheCleanup() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("cleanup_copies");
        try (ReplayNode node = ReplayNode.start(config())) {
            LotusClient lotus = lotus(node.url().toString());
            for (int i = 0; i < 3; i++) {
                assertThat(PipelineRoute.indexOnce(indexer(lotus, ch), HEIGHTS)).allSatisfy(r -> assertThat(r.error()).isNull());
            }
            Map<String, Long> canonical = canonicalRows(ch);
            Map<String, Long> stored = storedRows(ch);
            assertThat(canonical.get("messages")).isPositive();
            assertThat(canonical.get("unexecuted_messages")).as("the replaced messages no block executed").isPositive();
            assertThat(canonical.get("actor_facts")).isPositive();
            for (String table : AttemptCleanup.TABLES) {
                assertThat(stored.get(table)).as("%s: three attempts stored before the cleanup", table)
                        .isEqualTo(3 * canonical.get(table));
            }

            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            AttemptCleanup cleanup = new AttemptCleanup(ch.client(), HOUR, 5, () -> true, meters);
            long deleted = cleanup.run();

            assertThat(storedRows(ch)).as("one copy per table: the canonical attempt's").isEqualTo(canonical);
            assertThat(canonicalRows(ch)).isEqualTo(canonical);
            long before = stored.values().stream().mapToLong(Long::longValue).sum();
            assertThat(deleted).isEqualTo(before - canonical.values().stream().mapToLong(Long::longValue).sum());
            assertThat(meters.find(Meters.CLEANUP_ROWS_DELETED).counters().stream().mapToDouble(c -> c.count()).sum())
                    .isEqualTo((double) deleted);
            // what is left is what the node's raw traces hold, height by height
            Map<Long, RawTraceCounts.Expected> raw = RawTraceCounts.of(lotus, FROM, TO);
            for (long h : HEIGHTS) {
                assertThat(count(ch, "SELECT count() FROM messages WHERE height = " + h)).as("messages at %d", h)
                        .isEqualTo(raw.get(h).messages());
                assertThat(count(ch, "SELECT count() FROM subcalls WHERE height = " + h)).as("sub-calls at %d", h)
                        .isEqualTo(raw.get(h).subcalls());
            }
            assertThat(cleanup.run()).as("a second run").isZero();
        }
    }

    /**
     * A cleanup while a height is indexed again, in the route's {@code new_contract} step (every row
     * of the new attempt written, its {@code tipsets} row not yet), keeps both attempts: the one
     * served and the one running. An attempt that failed is deleted once older than the grace.
     */
    @Test
    void aCleanupDuringAnAttemptKeepsItAndTheServedOne() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("cleanup_running");
        try (ReplayNode node = ReplayNode.start(config());
             PipelineRoute route = new PipelineRoute(indexer(lotus(node.url().toString()), ch))) {
            HeightResult first = route.index(HEIGHTS, c -> { }).stream().filter(r -> r.counts().creations() > 0)
                    .findFirst().orElseThrow(() -> new AssertionError("no height of the synthetic chain creates an actor"));
            long h = first.height();
            String at = " WHERE height = " + h;
            long committed = count(ch, "SELECT count() FROM messages" + at);
            assertThat(committed).isEqualTo((long) first.counts().messages() + first.counts().implicitMessages());

            AttemptCleanup cleanup = new AttemptCleanup(ch.client(), HOUR, 1000, () -> true, new SimpleMeterRegistry());
            List<Long> deletedMeanwhile = new ArrayList<>();
            List<Long> storedMeanwhile = new ArrayList<>();
            List<HeightResult> again = route.index(List.of(h), c -> {
                deletedMeanwhile.add(cleanup.run());
                storedMeanwhile.add(countUnchecked(ch, "SELECT count() FROM messages" + at));
            });
            assertThat(again).singleElement().satisfies(r -> assertThat(r.error()).isNull());
            assertThat(deletedMeanwhile).isNotEmpty().containsOnly(0L);
            assertThat(storedMeanwhile).containsOnly(2 * committed);
            assertThat(count(ch, "SELECT count() FROM canonical_messages" + at)).as("the new attempt, whole").isEqualTo(committed);

            // now the first attempt is superseded: deleted at once
            assertThat(cleanup.run()).isPositive();
            assertThat(count(ch, "SELECT count() FROM messages" + at)).isEqualTo(committed);

            // an attempt that fails after writing its rows: kept within the grace, deleted after it
            List<HeightResult> failed = route.index(List.of(h), c -> {
                throw new IllegalStateException("the broker refused the announcement");
            });
            assertThat(failed).singleElement().satisfies(r -> assertThat(r.error()).isNotNull());
            assertThat(count(ch, "SELECT count() FROM messages" + at)).isEqualTo(2 * committed);
            assertThat(cleanup.run()).as("within the grace").isZero();
            assertThat(cleanup.run(Duration.ZERO)).isPositive();
            assertThat(count(ch, "SELECT count() FROM messages" + at)).isEqualTo(committed);
            assertThat(count(ch, "SELECT count() FROM canonical_messages" + at)).isEqualTo(committed);
        }
    }

    /** Rows of every table in the test's heights, all attempts (one row per key and attempt). */
    private static Map<String, Long> storedRows(ClickHouseAccess ch) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        for (String table : AttemptCleanup.TABLES) {
            rows.put(table, count(ch, "SELECT count() FROM " + table + RANGE));
        }
        return rows;
    }

    /** Rows of every table in the test's heights that belong to the canonical attempt of their height. */
    private static Map<String, Long> canonicalRows(ClickHouseAccess ch) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        for (String table : AttemptCleanup.TABLES) {
            rows.put(table, count(ch, "SELECT count() FROM " + table + " FINAL" + RANGE
                    + " AND (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL)"));
        }
        return rows;
    }

    private static ReplayConfig config() {
        return ReplayConfig.of(Fixtures.LOTUS.resolve("calibnet")).withSynthetic(SyntheticOptions.of(1990, 40).withNullEvery(7).withReplacedMessages());
    }

    private static LotusClient lotus(String url) {
        return new LotusClient(LotusClientConfig.of(url), new SimpleMeterRegistry());
    }

    private static HeightIndexer indexer(LotusClient lotus, ClickHouseAccess clickHouse) {
        HeightExtractor extractor = new HeightExtractor(lotus, new ActorCache(lotus, 1000), CallDecoder.standard(),
                () -> "calibnet", null, Duration.ofMinutes(1), clickHouse.versionClock());
        return new HeightIndexer(extractor, new ClickHouseRowWriter(clickHouse.client(), 60), 1);
    }

    private static long countUnchecked(ClickHouseAccess clickHouse, String sql) {
        try {
            return count(clickHouse, sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(ClickHouseAccess clickHouse, String sql) throws Exception {
        try (var c = clickHouse.dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
