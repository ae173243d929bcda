package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import api.ApiServer;
import codec.actors.CallDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import storage.ClickHouseAccess;
import storage.ServerClock;
import storage.clickhouse.ClickHouseRowWriter;
import testsupport.SharedEngines;

/**
 * Issue 14 item 6: a height is indexed only when all its parts are, and a re-index replaces the
 * height's rows wholesale. The node is a replay node behind a proxy that refuses chosen methods.
 */
class ReindexTest {
    private static final List<Long> HEIGHTS = LongStream.rangeClosed(2000, 2011).boxed().toList();
    private static final String RANGE = " WHERE height BETWEEN 2000 AND 2011";

    @Test
    void aReindexThatYieldsFewerRowsLeavesNoneOfTheFormerAttemptCanonical() throws Exception {
        try (ReplayNode node = ReplayNode.start(config()); RefusingProxy proxy = new RefusingProxy(node.url())) {
            ClickHouseAccess ch = SharedEngines.clickHouse("reindex_fewer");
            List<HeightResult> full = PipelineRoute.indexOnce(indexer(proxy.url(), ch, Duration.ofMinutes(1)), HEIGHTS);
            long explicit = full.stream().mapToLong(r -> r.counts().messages()).sum();
            assertThat(full).allSatisfy(r -> assertThat(r.error()).isNull());
            assertThat(count(ch, "SELECT count() FROM canonical_subcalls" + RANGE)).isPositive();
            assertThat(count(ch, "SELECT count() FROM canonical_messages" + RANGE + " AND implicit = 1")).isPositive();

            // the same tipsets again from a node without StateCompute: no sub-calls, no implicit messages
            proxy.refuse("Filecoin.StateCompute", -32601, "method 'Filecoin.StateCompute' not found", RefusingProxy.ALWAYS);
            List<HeightResult> degraded = PipelineRoute.indexOnce(indexer(proxy.url(), ch, Duration.ofMinutes(1)), HEIGHTS);
            assertThat(degraded).allSatisfy(r -> assertThat(r.error()).isNull());
            assertThat(degraded).filteredOn(r -> !r.nullRound())
                    .allSatisfy(r -> assertThat(r.mode()).isEqualTo(IndexMode.DEGRADED));

            assertThat(count(ch, "SELECT count() FROM canonical_subcalls" + RANGE)).isZero();
            assertThat(count(ch, "SELECT count() FROM canonical_messages" + RANGE + " AND implicit = 1")).isZero();
            assertThat(count(ch, "SELECT count() FROM canonical_messages" + RANGE)).isEqualTo(explicit);
            // no message row of the full attempt is canonical any more
            assertThat(count(ch, "SELECT count() FROM canonical_messages" + RANGE + " AND subcalls_available = 1")).isZero();
        }
    }

    /**
     * The balance history follows the attempt too: a re-index without {@code StateCompute} yields
     * changes only for the actors the messages themselves move (sub-call recipients are unknown), all
     * marked incomplete. Before migration 076 the full attempt's changes of the other actors stayed
     * in the history ({@code (actor_id, height)} keys, the {@code (height, tipset_key)} rule).
     */
    @Test
    void aReindexWithFewerBalanceChangesLeavesNoneOfTheFormerInTheHistory() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("reindex_history");
        try (ReplayNode node = ReplayNode.start(config()); RefusingProxy proxy = new RefusingProxy(node.url());
             ApiServer api = ApiServer.start(Map.of("clickHouse", ch), Map.of())) {
            PipelineRoute.indexOnce(indexer(proxy.url(), ch, Duration.ofMinutes(1)), HEIGHTS);
            List<String> actors = column(ch, "SELECT DISTINCT toString(actor_id) FROM balance_changes" + RANGE);
            assertThat(history(api, actors)).as("complete changes of the full attempt").contains("true");

            proxy.refuse("Filecoin.StateCompute", -32601, "method 'Filecoin.StateCompute' not found", RefusingProxy.ALWAYS);
            List<HeightResult> degraded = PipelineRoute.indexOnce(indexer(proxy.url(), ch, Duration.ofMinutes(1)), HEIGHTS);
            assertThat(degraded).allSatisfy(r -> assertThat(r.error()).isNull());
            // what the degraded attempt wrote, told apart by its flag; the history must show exactly that
            long written = count(ch, "SELECT count() FROM balance_changes FINAL" + RANGE + " AND complete = 0");
            List<String> shown = history(api, actors);
            assertThat(shown).as("history items of the re-indexed heights").hasSize((int) written).containsOnly("false");
        }
    }

    /** The {@code complete} flag of every history item of the given actors at the test's heights. */
    private static List<String> history(ApiServer api, List<String> actors) throws Exception {
        List<String> flags = new ArrayList<>();
        for (String id : actors) {
            ApiServer.Answer a = api.get("/api/v1/actors/f0" + id + "/history?from=2000&to=2011&limit=1000");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.body()).path("items")
                    .forEach(item -> flags.add(item.path("complete").asText()));
        }
        return flags;
    }

    private static List<String> column(ClickHouseAccess clickHouse, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = clickHouse.dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void anEventsFailureFailsTheHeightInsteadOfIndexingItWithoutEvents() throws Exception {
        for (String method : List.of("Filecoin.GetActorEventsRaw", "Filecoin.EthGetLogs")) {
            try (ReplayNode node = ReplayNode.start(config()); RefusingProxy proxy = new RefusingProxy(node.url())) {
                proxy.refuse(method, 1, "failed to collect events: database is locked", RefusingProxy.ALWAYS);
                ClickHouseAccess ch = SharedEngines.clickHouse("reindex_events");
                List<HeightResult> results = PipelineRoute.indexOnce(indexer(proxy.url(), ch, Duration.ofMinutes(1)), HEIGHTS);
                assertThat(results).filteredOn(r -> !r.nullRound()).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.error()).as("%s failing, height %d", method, r.height())
                                .isNotNull().hasMessageContaining("database is locked"));
                assertThat(count(ch, "SELECT count() FROM tipsets FINAL" + RANGE + " AND null_round = 0")).isZero();
            }
        }
    }

    @Test
    void oneRefusalOfStateComputeDoesNotDegradeTheProcessForGood() throws Exception {
        try (ReplayNode node = ReplayNode.start(config()); RefusingProxy proxy = new RefusingProxy(node.url())) {
            proxy.refuse("Filecoin.StateCompute", 1, "method call not allowed right now", 1);
            ClickHouseAccess ch = SharedEngines.clickHouse("reindex_refusal");
            HeightIndexer indexer = indexer(proxy.url(), ch, Duration.ZERO);
            List<HeightResult> results;
            try (PipelineRoute route = new PipelineRoute(indexer)) {
                results = HEIGHTS.stream().flatMap(h -> route.index(List.of(h), c -> { }).stream())
                        .filter(r -> !r.nullRound()).toList();
            }
            assertThat(results.get(0).mode()).isEqualTo(IndexMode.DEGRADED);
            assertThat(results.subList(1, results.size())).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.mode()).as("height %d", r.height()).isEqualTo(IndexMode.FULL));
            assertThat(indexer.mode()).isEqualTo(IndexMode.FULL);
        }
    }

    @Test
    void aReindexFromAHostWhoseClockLagsStillReplacesTheHeight() throws Exception {
        try (ReplayNode node = ReplayNode.start(config()); RefusingProxy proxy = new RefusingProxy(node.url())) {
            ClickHouseAccess ch = SharedEngines.clickHouse("reindex_clock");
            PipelineRoute.indexOnce(indexer(proxy.url(), ch, Duration.ofMinutes(1), new ServerClock(ch.client(),
                    Clock.systemUTC(), Duration.ofMinutes(1))), HEIGHTS);
            assertThat(count(ch, "SELECT count() FROM canonical_subcalls" + RANGE)).isPositive();

            // a second host, its clock an hour behind, indexes the same heights later (without StateCompute)
            Clock lagging = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
            proxy.refuse("Filecoin.StateCompute", -32601, "method 'Filecoin.StateCompute' not found", RefusingProxy.ALWAYS);
            List<HeightResult> later = PipelineRoute.indexOnce(indexer(proxy.url(), ch, Duration.ofMinutes(1),
                    new ServerClock(ch.client(), lagging, Duration.ofMinutes(1))), HEIGHTS);
            assertThat(later).allSatisfy(r -> assertThat(r.error()).isNull());
            assertThat(count(ch, "SELECT count() FROM tipsets FINAL" + RANGE + " AND null_round = 0 AND mode = 'degraded'"))
                    .as("the later attempt is the canonical one at every height").isEqualTo(later.stream()
                            .filter(r -> !r.nullRound()).count());
            assertThat(count(ch, "SELECT count() FROM canonical_subcalls" + RANGE)).isZero();
        }
    }

    /**
     * A height indexed again stays served whole, by the attempt committed last, until the new
     * attempt's commit marker is written; an attempt that fails after writing its rows hides none of
     * the good attempt's. The route's {@code new_contract} step (after every data row of the height
     * is written, before its {@code tipsets} row) is where the height is read, or where the attempt
     * fails; a reader also asks the API for the height's message in a loop throughout.
     */
    @Test
    void aHeightStaysVisibleWithItsLastCompleteAttemptWhileItIsIndexedAgain() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("reindex_visible");
        try (ReplayNode node = ReplayNode.start(config()); RefusingProxy proxy = new RefusingProxy(node.url());
             PipelineRoute route = new PipelineRoute(indexer(proxy.url(), ch, Duration.ofMinutes(1)));
             ApiServer api = ApiServer.start(Map.of("clickHouse", ch), Map.of())) {
            HeightResult first = route.index(HEIGHTS, c -> { }).stream().filter(r -> r.counts().creations() > 0)
                    .findFirst().orElseThrow(() -> new AssertionError("no height of the synthetic chain creates an actor"));
            long h = first.height();
            Map<String, Long> committed = canonicalRows(ch, h);
            // what the first attempt extracted is what is canonical (counts from the extraction, not from the tables)
            assertThat(committed).containsEntry("messages", (long) first.counts().messages() + first.counts().implicitMessages())
                    .containsEntry("subcalls", (long) first.counts().subcalls())
                    .containsEntry("events", (long) first.counts().events())
                    .containsEntry("creations", (long) first.counts().creations())
                    .containsEntry("blocks", (long) first.counts().blocks());
            String cid = text(ch, "SELECT message_cid FROM canonical_creations WHERE height = " + h + " ORDER BY message_cid LIMIT 1");
            String path = "/api/v1/messages/" + cid;
            assertThat(api.get(path).status()).isEqualTo(200);

            List<String> loopAnswers = new CopyOnWriteArrayList<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    try {
                        ApiServer.Answer a = api.get(path);
                        if (a.status() != 200) {
                            loopAnswers.add(a.status() + " " + a.body());
                        }
                        Thread.sleep(10);
                    } catch (Exception e) {
                        loopAnswers.add(e.toString());
                    }
                }
            }, "reindex-reader");
            reader.start();
            try {
                // again, succeeding: read between the new attempt's rows and its commit marker
                List<Map<String, Long>> between = new ArrayList<>();
                List<Integer> statuses = new ArrayList<>();
                List<HeightResult> again = route.index(List.of(h), c -> {
                    between.add(canonicalRows(ch, h));
                    statuses.add(status(api, path));
                });
                assertThat(again).singleElement().satisfies(r -> assertThat(r.error()).isNull());
                assertThat(between).isNotEmpty().allSatisfy(rows -> assertThat(rows).isEqualTo(committed));
                assertThat(statuses).isNotEmpty().containsOnly(200);
                assertThat(canonicalRows(ch, h)).isEqualTo(committed);

                // again, failing after its rows are written (the new_contract announcement fails)
                List<HeightResult> failed = route.index(List.of(h), c -> {
                    throw new IllegalStateException("the broker refused the announcement");
                });
                assertThat(failed).singleElement().satisfies(r -> assertThat(r.error()).isNotNull());
                assertThat(canonicalRows(ch, h)).as("after a failed attempt").isEqualTo(committed);
                assertThat(api.get(path).status()).isEqualTo(200);
            } finally {
                reading.set(false);
                reader.join();
            }
            assertThat(loopAnswers).as("answers other than 200 while the height was indexed again").isEmpty();
        }
    }

    /** The canonical rows of a height in every table whose reads take the canonical attempt. */
    private static Map<String, Long> canonicalRows(ClickHouseAccess ch, long h) {
        Map<String, Long> rows = new TreeMap<>();
        String at = " WHERE height = " + h + " AND (height, tipset_key, indexed_at) IN"
                + " (SELECT height, tipset_key, indexed_at FROM tipsets FINAL WHERE height = " + h + ")";
        for (String table : List.of("messages", "subcalls", "events", "creations", "blocks", "block_messages",
                "cid_lookup", "address_messages")) {
            try {
                rows.put(table, count(ch, "SELECT count() FROM " + table + " FINAL" + at));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return rows;
    }

    private static int status(ApiServer api, String path) {
        try {
            return api.get(path).status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(ClickHouseAccess clickHouse, String sql) throws Exception {
        try (var c = clickHouse.dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static ReplayConfig config() {
        return ReplayConfig.of(FixtureCounts.LOTUS.resolve("calibnet"))
                .withSynthetic(SyntheticOptions.of(1990, 40).withNullEvery(7));
    }

    private static HeightIndexer indexer(String url, ClickHouseAccess clickHouse, Duration recheck) {
        return indexer(url, clickHouse, recheck, clickHouse.versionClock());
    }

    private static HeightIndexer indexer(String url, ClickHouseAccess clickHouse, Duration recheck, Clock versions) {
        LotusClient lotus = new LotusClient(LotusClientConfig.of(url), new SimpleMeterRegistry());
        HeightExtractor extractor = new HeightExtractor(lotus, new ActorCache(lotus, 1000), CallDecoder.standard(),
                () -> "calibnet", null, recheck, versions);
        return new HeightIndexer(extractor, new ClickHouseRowWriter(clickHouse.client(), 60), 1);
    }

    private static long count(ClickHouseAccess clickHouse, String sql) throws Exception {
        try (var c = clickHouse.dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
