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
    private static final String COUNTS_SQL = "SELECT count() FROM %s FINAL WHERE height = ? AND tipset_key = ?";
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
            results.put(network, f.indexer.index(FixtureCounts.recordedHeights(network),
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
                            + "toString(total_cost), '|', toString(gas_fee_cap)) FROM messages FINAL "
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
    void archiveHoldsEveryMessageUnderEveryIncludingBlock() {
        for (String network : fixtures.keySet()) {
            PipelineFixture f = fixtures.get(network);
            for (long h : FixtureCounts.recordedHeights(network)) {
                JsonNode traces = FixtureCounts.read(network, "traces", h);
                if (traces == null) {
                    continue;
                }
                JsonNode inclusions = FixtureCounts.read(network, "tipset", h).path("BlockMessages");
                for (JsonNode ir : traces.path("Trace")) {
                    String cid = ir.path("MsgCid").path("/").asText();
                    List<String> folders = new ArrayList<>();
                    inclusions.path(cid).forEach(b -> folders.add(b.path("Cid").asText()));
                    if (folders.isEmpty()) {
                        folders.add("implicit");
                    }
                    for (String folder : folders) {
                        var dir = f.archiveDir.resolve(h + "/" + folder + "/" + cid);
                        assertThat(dir.resolve("data.json")).as("%s %d", network, h).isRegularFile();
                        assertThat(dir.resolve("sub_calls/" + cid + ".json")).isRegularFile();
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
        long subcallRows = f.count("SELECT count() FROM subcalls FINAL");
        List<HeightResult> again = f.indexer.index(List.of(3573064L), c -> { });
        assertThat(again.get(0).error()).isNull();
        assertThat(stored(f, again.get(0))).isEqualTo(before);
        assertThat(f.count("SELECT count() FROM subcalls FINAL")).isEqualTo(subcallRows);
        assertThat(f.count("SELECT count() FROM tipsets FINAL WHERE height = ?", 3573064L)).isEqualTo(1);
    }

    @Test
    void aHeightBetweenRecordingsIsANullRound() {
        PipelineFixture f = fixtures.get("calibnet");
        HeightResult r = f.indexer.index(List.of(14108L), c -> { }).get(0);
        assertThat(r.error()).isNull();
        assertThat(r.nullRound()).isTrue();
        assertThat(f.column("SELECT toString(null_round) FROM tipsets FINAL WHERE height = ?", 14108L))
                .containsExactly("1");
        assertThat(f.count("SELECT count() FROM blocks FINAL WHERE height = ?", 14108L)).isZero();
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
