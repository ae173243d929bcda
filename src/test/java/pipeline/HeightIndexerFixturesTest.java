package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Indexes every recorded height of both networks through {@link HeightIndexer} into the embedded
 * ClickHouse and checks each height's row counts against counts computed from the raw fixtures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeightIndexerFixturesTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String COUNTS_SQL = "SELECT count() FROM %s FINAL WHERE height = ? AND tipset_key = ?"
            + " AND (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL)";
    private final Map<String, PipelineFixture> fixtures = new TreeMap<>();
    private final Map<String, List<HeightResult>> results = new TreeMap<>();
    private final List<NewContractCapture> published = new ArrayList<>();

    record NewContractCapture(NewContract contract) {
    }

    @BeforeAll
    void indexEverything() {
        for (String network : List.of("calibnet", "mainnet")) {
            PipelineFixture f = new PipelineFixture(network, "pipeline_" + network);
            fixtures.put(network, f);
            results.put(network, f.route.index(FixtureCounts.recordedHeights(network),
                    c -> published.add(new NewContractCapture(c))));
        }
    }

    @AfterAll
    void close() {
        fixtures.values().forEach(PipelineFixture::close);
    }

    @Test
    void everyRecordedHeightWithTracesHasTheFixtureCounts() {
        for (String network : fixtures.keySet()) {
            PipelineFixture f = fixtures.get(network);
            for (HeightResult r : results.get(network)) {
                if (!FixtureCounts.hasTraces(network, r.height())) {
                    continue;
                }
                assertThat(r.error()).as("%s %d", network, r.height()).isNull();
                FixtureCounts.Counts want = FixtureCounts.counts(network, r.height());
                String at = network + " " + r.height();
                assertThat(new FixtureCounts.Counts(r.counts().blocks(), r.counts().messages(),
                        r.counts().implicitMessages(), r.counts().subcalls(), r.counts().failedMessages(),
                        r.counts().events(), r.counts().creations())).as(at).isEqualTo(want);
                assertThat(stored(f, r)).as(at).isEqualTo(want);
                assertThat(r.mode()).isEqualTo(IndexMode.FULL);
            }
        }
    }

    /** The counts as ClickHouse holds them for the canonical tipset of the height. */
    private static FixtureCounts.Counts stored(PipelineFixture f, HeightResult r) {
        long h = r.height();
        String key = f.column("SELECT tipset_key FROM tipsets FINAL WHERE height = ?", h).get(0);
        assertThat(key).isEqualTo(r.tipsetKey());
        return new FixtureCounts.Counts(
                (int) f.count(COUNTS_SQL.formatted("blocks"), h, key),
                (int) f.count(COUNTS_SQL.formatted("messages") + " AND implicit = 0", h, key),
                (int) f.count(COUNTS_SQL.formatted("messages") + " AND implicit = 1", h, key),
                (int) f.count(COUNTS_SQL.formatted("subcalls"), h, key),
                (int) f.count(COUNTS_SQL.formatted("messages") + " AND (exit_code != 0 OR error != '')", h, key),
                (int) f.count(COUNTS_SQL.formatted("events"), h, key),
                (int) f.count(COUNTS_SQL.formatted("creations"), h, key));
    }

    @Test
    void aHeightTheNodeCannotExecuteIsReportedFailedAndLeavesNothingCanonical() {
        PipelineFixture f = fixtures.get("mainnet");
        HeightResult r = results.get("mainnet").stream().filter(x -> x.height() == 3897964).findFirst().orElseThrow();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.error()).isNotNull();
        assertThat(f.count("SELECT count() FROM tipsets FINAL WHERE height = ?", 3897964L)).isZero();
    }

    @Test
    void sampledMessagesHaveExactValueGasAndExitCode() {
        for (String network : fixtures.keySet()) {
            PipelineFixture f = fixtures.get(network);
            for (long h : FixtureCounts.recordedHeights(network)) {
                JsonNode traces = FixtureCounts.read(network, "traces", h);
                if (traces == null) {
                    continue;
                }
                JsonNode trace = traces.path("Trace");
                for (int i : new int[] {0, trace.size() / 2, trace.size() - 1}) {
                    JsonNode ir = trace.get(i);
                    String cid = ir.path("MsgCid").path("/").asText();
                    List<String> got = f.column("SELECT concat(toString(value), '|', toString(gas_used), '|', "
                            + "toString(exit_code), '|', toString(base_fee_burn), '|', toString(miner_tip), '|', "
                            + "toString(total_cost), '|', toString(gas_fee_cap)) FROM canonical_messages "
                            + "WHERE height = ? AND cid = ?", h, cid);
                    JsonNode gas = ir.path("GasCost");
                    assertThat(got).as("%s %d %s", network, h, cid).containsExactly(String.join("|",
                            ir.path("Msg").path("Value").asText(), ir.path("MsgRct").path("GasUsed").asText(),
                            ir.path("MsgRct").path("ExitCode").asText(), gas.path("BaseFeeBurn").asText(),
                            gas.path("MinerTip").asText(), gas.path("TotalCost").asText(),
                            ir.path("Msg").path("GasFeeCap").asText()));
                }
            }
        }
    }

    @Test
    void archiveHoldsEveryMessageUnderEveryIncludingBlock() throws Exception {
        for (String network : fixtures.keySet()) {
            PipelineFixture f = fixtures.get(network);
            for (long h : FixtureCounts.recordedHeights(network)) {
                JsonNode traces = FixtureCounts.read(network, "traces", h);
                if (traces == null) {
                    continue;
                }
                JsonNode inclusions = FixtureCounts.read(network, "tipset", h).path("BlockMessages");
                java.nio.file.Path file = f.archiveDir.resolve(h + ".zip");
                assertThat(file).as("%s %d", network, h).isRegularFile();
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                for (JsonNode ir : traces.path("Trace")) {
                    String cid = ir.path("MsgCid").path("/").asText();
                    List<String> folders = new ArrayList<>();
                    inclusions.path(cid).forEach(b -> folders.add(b.path("Cid").asText()));
                    if (folders.isEmpty()) {
                        folders.add("implicit");
                    }
                    for (String folder : folders) {
                        String dir = h + "/" + folder + "/" + cid;
                        var data = zip.getEntry(dir + "/data.json");
                        assertThat(data).as("%s %d %s", network, h, dir).isNotNull();
                        assertThat(JSON.readTree(zip.getInputStream(data)).path("cid").asText()).isEqualTo(cid);
                        var tree = zip.getEntry(dir + "/sub_calls/" + cid + ".json");
                        assertThat(tree).as("%s %d %s", network, h, dir).isNotNull();
                        assertThat(JSON.readTree(zip.getInputStream(tree)).path("message_cid").asText()).isEqualTo(cid);
                    }
                }
                }
            }
        }
    }

    @Test
    void reindexingAHeightLeavesItsCountsUnchanged() {
        PipelineFixture f = fixtures.get("mainnet");
        HeightResult first = results.get("mainnet").stream().filter(x -> x.height() == 3573064).findFirst()
                .orElseThrow();
        FixtureCounts.Counts before = stored(f, first);
        long subcallRows = f.count("SELECT count() FROM canonical_subcalls");
        List<HeightResult> again = f.route.index(List.of(3573064L), c -> { });
        assertThat(again.get(0).error()).isNull();
        assertThat(stored(f, again.get(0))).isEqualTo(before);
        assertThat(f.count("SELECT count() FROM canonical_subcalls")).isEqualTo(subcallRows);
        assertThat(f.count("SELECT count() FROM tipsets FINAL WHERE height = ?", 3573064L)).isEqualTo(1);
        assertThat(f.count("SELECT count() FROM canonical_messages WHERE height = ?", 3573064L))
                .isEqualTo(before.messages() + before.implicitMessages());
        assertThat(f.count("SELECT count() FROM canonical_subcalls WHERE height = ?", 3573064L))
                .isEqualTo(before.subcalls());
    }

    /**
     * One recorded height per Lotus trace generation: before 1.23, 1.23, 1.25, 1.26+. Rows have the
     * same shape; only where a trace records no code CID and the node cannot name the actor's code
     * (the replay node knows codes from 1.26+ traces only) do actor type and method name stay empty.
     */
    @Test
    void fourTraceGenerationsGiveRowsOfTheSameShape() {
        List<Object[]> samples = List.of(new Object[] {"mainnet", 2907480L}, new Object[] {"calibnet", 845259L},
                new Object[] {"mainnet", 3573064L}, new Object[] {"calibnet", 1162295L});
        for (Object[] sample : samples) {
            PipelineFixture f = fixtures.get((String) sample[0]);
            long h = (Long) sample[1];
            String at = sample[0] + " " + h;
            assertThat(f.count("SELECT count() FROM canonical_messages WHERE height = ?", h)).as(at).isPositive();
            assertThat(f.count("SELECT count() FROM canonical_messages WHERE height = ? AND (subcalls_available = 0 "
                    + "OR (actor_type != '' AND method_name = ''))", h)).as(at).isZero();
            // a trace may keep an end as sent (the sender before Lotus 1.23; a send to an account known only
            // by its key): the ID of a robust form needs the node (StateLookupID), and the replay node knows
            // only the robust/ID facts the fixtures record. Every ID form has its ID.
            assertThat(f.count("SELECT count() FROM canonical_messages WHERE height = ? AND ((from_id IS NULL AND "
                    + "startsWith(from_address, 'f0')) OR (to_id IS NULL AND startsWith(to_address, 'f0')))", h))
                    .as(at).isZero();
            if (h != 2907480L) {
                assertThat(f.count("SELECT count() FROM canonical_messages WHERE height = ? AND from_id IS NULL", h))
                        .as(at).isZero();
            }
            boolean codesRecorded = h == 3573064L || h == 1162295L;
            if (codesRecorded) {
                assertThat(f.count("SELECT count() FROM canonical_messages WHERE height = ? AND actor_type = ''", h))
                        .as(at).isZero();
                assertThat(f.count("SELECT count() FROM canonical_subcalls WHERE height = ? AND actor_type = ''", h))
                        .as(at).isZero();
            }
            assertThat(f.count("SELECT count() FROM canonical_messages WHERE height = ? AND params != '' "
                    + "AND params_json = ''", h)).as(at).isZero();
            assertThat(f.count("SELECT count() FROM canonical_subcalls WHERE height = ? AND (parent_idx >= idx "
                    + "OR depth != length(splitByChar('.', call_path)) OR (from_id IS NULL AND startsWith(from_address, "
                    + "'f0')) OR (to_id IS NULL AND startsWith(to_address, 'f0')))", h)).as(at).isZero();
            // every sub-call's parent exists one level up, and each message's count matches its rows
            assertThat(f.count("SELECT count() FROM canonical_subcalls AS c LEFT JOIN (SELECT message_cid, idx, depth "
                    + "FROM canonical_subcalls WHERE height = ?) AS p ON c.message_cid = p.message_cid "
                    + "AND c.parent_idx = p.idx WHERE c.height = ? AND c.parent_idx > 0 "
                    + "AND p.depth + 1 != c.depth", h, h)).as(at).isZero();
            assertThat(f.count("SELECT count() FROM canonical_messages AS m LEFT JOIN (SELECT message_cid, count() AS n "
                    + "FROM canonical_subcalls WHERE height = ? GROUP BY message_cid) AS s ON m.cid = s.message_cid "
                    + "WHERE m.height = ? AND m.subcall_count != s.n", h, h)).as(at).isZero();
        }
    }

    @Test
    void aHeightBetweenRecordingsIsANullRound() {
        PipelineFixture f = fixtures.get("calibnet");
        HeightResult r = f.route.index(List.of(14108L), c -> { }).get(0);
        assertThat(r.error()).isNull();
        assertThat(r.nullRound()).isTrue();
        assertThat(f.column("SELECT toString(null_round) FROM tipsets FINAL WHERE height = ?", 14108L))
                .containsExactly("1");
        assertThat(f.count("SELECT count() FROM canonical_blocks WHERE height = ?", 14108L)).isZero();
    }

    @Test
    void creationsAreAnnouncedWithTheRecordedAddresses() throws Exception {
        JsonNode recorded = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(FixtureCounts.LOTUS.resolve("creations.json"))).path("creations");
        for (JsonNode want : recorded) {
            if (!want.has("height") || !List.of(38895L, 1698055L, 3573064L).contains(want.path("height").asLong())) {
                continue;
            }
            String path = joinPath(want.path("subcall_path"));
            NewContract got = published.stream().map(NewContractCapture::contract)
                    .filter(c -> c.messageCid().equals(want.path("msg_cid").asText()) && c.callPath().equals(path))
                    .findFirst().orElseThrow(() -> new AssertionError("not announced: " + want));
            assertThat(got.height()).isEqualTo(want.path("height").asLong());
            assertThat(got.network()).isEqualTo(want.path("network").asText());
            assertThat(got.topLevelFrom()).isEqualTo(want.path("top_level_from").asText());
            assertThat(got.topLevelTo()).isEqualTo(want.path("top_level_to").asText());
            assertThat(got.depth()).isEqualTo(want.path("depth").asInt());
            assertThat(got.actor()).isEqualTo(want.path("actor").asText());
            assertThat(got.method()).isEqualTo(want.path("method").asText());
            assertThat(got.from()).isEqualTo(want.path("from").asText());
            assertThat(got.to()).isEqualTo(want.path("to").asText());
            assertThat(got.exitCode()).isEqualTo(want.path("exit_code").asLong());
            assertThat(got.returnValue()).isEqualTo(want.path("return_b64").asText());
            JsonNode decoded = want.path("decoded_return");
            String id = decoded.has("ActorID") ? decoded.path("ActorID").asText()
                    : decoded.path("IDAddress").asText().substring(2);
            assertThat(got.actorId()).isEqualTo(Long.parseLong(id));
            assertThat(got.robust()).isEqualTo(decoded.path("RobustAddress").asText());
            if (decoded.has("EthAddress")) {
                assertThat(got.eth()).isEqualTo(decoded.path("EthAddress").asText());
                assertThat(got.delegated()).isEqualTo(decoded.path("EthAddress_as_f410").asText());
            }
        }
    }

    private static String joinPath(JsonNode path) {
        List<String> parts = new ArrayList<>();
        path.forEach(p -> parts.add(p.asText()));
        return String.join(".", parts);
    }
}
