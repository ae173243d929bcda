package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Item 10 of issue 14: what a height holds in memory is bounded by configuration. The recorded
 * mainnet tipsets (~100 messages and ~500 sub-calls each, thousands of rows) are indexed through
 * the pipeline route with {@code filflow.pipeline.height.rows-in-memory} = 64: no height may ever
 * hold more than 64 rows (before the bound, each held all of its rows until the whole batch was
 * extracted), and what is stored must still be exactly what the recording holds, the same rows in
 * every table as an unbounded run, and the archive whole.
 */
class BoundedMemoryTest {
    private static final int BOUND = 64;
    private static final String COUNT_SQL = "SELECT count() FROM %s FINAL WHERE (height, tipset_key, indexed_at) IN "
            + "(SELECT height, tipset_key, indexed_at FROM tipsets FINAL)";
    private static final List<String> TABLES = List.of("blocks", "block_messages", "messages", "subcalls", "events",
            "creations", "cid_lookup", "address_messages");

    @Test
    void aHeightNeverHoldsMoreRowsThanItsBoundAndEveryRowIsStored() throws Exception {
        List<Long> heights = FixtureCounts.recordedHeights("mainnet").stream()
                .filter(h -> FixtureCounts.hasTraces("mainnet", h)).toList();
        Map<String, Long> unbounded;
        try (PipelineFixture whole = new PipelineFixture("mainnet", "bounded_reference")) {
            assertThat(whole.route.index(heights, c -> { })).allMatch(HeightResult::succeeded);
            unbounded = tableCounts(whole);
            assertThat(whole.indexer.mostRowsHeld()).as("a height's rows, unbounded").isGreaterThan(10 * BOUND);
        }
        try (PipelineFixture f = new PipelineFixture("mainnet", "bounded_rows", BOUND)) {
            List<HeightResult> results = f.route.index(heights, c -> { });
            assertThat(f.indexer.mostRowsHeld()).as("most rows one height held at once").isLessThanOrEqualTo(BOUND);
            for (HeightResult r : results) {
                assertThat(r.error()).as("height %d", r.height()).isNull();
                FixtureCounts.Counts want = FixtureCounts.counts("mainnet", r.height());
                assertThat(canonicalCount(f, "messages", r.height(), " AND implicit = 0")).isEqualTo(want.messages());
                assertThat(canonicalCount(f, "messages", r.height(), " AND implicit = 1"))
                        .isEqualTo(want.implicitMessages());
                assertThat(canonicalCount(f, "subcalls", r.height(), "")).isEqualTo(want.subcalls());
                assertThat(canonicalCount(f, "blocks", r.height(), "")).isEqualTo(want.blocks());
                assertThat(canonicalCount(f, "creations", r.height(), "")).isEqualTo(want.creations());
                assertArchiveWhole(f, r.height());
            }
            assertThat(tableCounts(f)).as("rows per table, bounded vs unbounded").isEqualTo(unbounded);
        }
    }

    private static Map<String, Long> tableCounts(PipelineFixture f) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, f.count(COUNT_SQL.formatted(table)));
        }
        counts.put("address_sightings", f.count(COUNT_SQL.formatted("address_sightings")));
        counts.put("actor_facts", f.count(COUNT_SQL.formatted("actor_facts")));
        return counts;
    }

    private static long canonicalCount(PipelineFixture f, String table, long height, String and) {
        return f.count(COUNT_SQL.formatted(table) + " AND height = ?" + and, height);
    }

    /** Every message of the recording has its data.json in the height's archive file. */
    private static void assertArchiveWhole(PipelineFixture f, long height) throws Exception {
        JsonNode trace = FixtureCounts.read("mainnet", "traces", height).path("Trace");
        try (ZipFile zip = new ZipFile(f.archiveDir.resolve(height + ".zip").toFile())) {
            long data = zip.stream().filter(e -> e.getName().endsWith("/data.json")).map(e -> e.getName()
                    .split("/")[2]).distinct().count();
            assertThat(data).as("messages archived at %d", height).isEqualTo(trace.size());
        }
    }
}
