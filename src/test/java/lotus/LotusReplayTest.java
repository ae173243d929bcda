package lotus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.cid.Cid;
import codec.address.Address;
import codec.address.Network;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import replay.Faults;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import testsupport.Fixtures;
import trace.GasChargeSummarizer;
import trace.InvocationResult;
import trace.TraceReader;

/** The client against the project's replay node (a real Lotus JSON-RPC peer over recorded calibnet data). */
class LotusReplayTest {
    private static final Path CALIBNET = Fixtures.CALIBNET;
    private static final long FAILING_HEIGHT = 1419335;
    private static final long REFUSING_HEIGHT = 1162295;

    private static ReplayNode node;
    private static SimpleMeterRegistry registry;
    private static LotusClient client;

    @BeforeAll
    static void start() {
        node = ReplayNode.start(ReplayConfig.of(CALIBNET).withPrefix('t').withToken("replay-token")
                .withFaults(Faults.failHeight(FAILING_HEIGHT, 2, Faults.Kind.HTTP_503)
                        .andFailHeight(REFUSING_HEIGHT, 1, Faults.Kind.RPC_ERROR)));
        registry = new SimpleMeterRegistry();
        client = new LotusClient(LotusClientConfig.fromProperties(Map.of(
                "lotus.url", node.url().toString(), "lotus.token", "replay-token", "lotus.network", "t",
                "lotus.backoff-initial", "10ms", "lotus.backoff-max", "20ms")::get), registry);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static List<Long> recorded(String kind) throws IOException {
        try (Stream<Path> files = Files.list(CALIBNET)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(kind + "_"))
                    .map(n -> Long.parseLong(n.substring(kind.length() + 1, n.indexOf('.'))))
                    .sorted().toList();
        }
    }

    private static JsonNode fixture(String name) throws IOException {
        return RpcTestServer.JSON.readTree(RpcTestServer.fixture("calibnet/" + name));
    }

    @Test
    void headAndRecordedTipsetsMatchTheRecordings() throws IOException {
        List<Long> heights = recorded("tipset");
        assertThat(client.chainHead().height()).isEqualTo(heights.get(heights.size() - 1));
        for (long h : heights) {
            JsonNode raw = fixture("tipset_" + h + ".json.gz");
            TipSet ts = client.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
            assertThat(ts.height()).isEqualTo(h);
            assertThat(ts.cids()).extracting(Cid::toString).containsExactlyElementsOf(raw.get("Cids").findValuesAsText("/"));
            assertThat(ts.blocks().get(0).parentWeight().toString()).isEqualTo(raw.get("Blocks").get(0).get("ParentWeight").asText());
            assertThat(client.chainGetTipSet(ts.key()).cids()).isEqualTo(ts.cids());
            assertThat(client.chainGetBlock(ts.cids().get(0)).miner())
                    .isEqualTo(raw.get("Blocks").get(0).get("Miner").asText().replaceFirst("^f", "t"));
        }
    }

    @Test
    void heightsBetweenRecordingsAnswerTheTipsetBelow() throws IOException {
        List<Long> heights = recorded("tipset");
        TipSet between = client.chainGetTipSetByHeight(heights.get(1) - 1, TipSetKey.EMPTY);
        assertThat(between.height()).isEqualTo(heights.get(0));
    }

    @Test
    void unknownThingsAreTyped() {
        assertThatThrownBy(() -> client.call("StateMinerPower", ResultReader.tree(), "t01000", TipSetKey.EMPTY))
                .isInstanceOf(LotusMethodNotAvailableException.class);
        assertThatThrownBy(() -> client.chainGetBlock(Cid.parse("bafy2bzacediomzwjij2s4neqshzfo6sq2odr55ltdifpy4qqkxzlhh5i5bf2a")))
                .isInstanceOf(LotusNotFoundException.class);
    }

    @Test
    void aWrongTokenIsAFinalTransportFailure() {
        LotusClient stranger = new LotusClient(LotusClientConfig.of(node.url().toString()).withToken("wrong"), new SimpleMeterRegistry());
        assertThatThrownBy(stranger::chainHead)
                .isInstanceOf(LotusTransportException.class)
                .satisfies(e -> assertThat(((LotusTransportException) e).httpStatus()).isEqualTo(401));
    }

    @Test
    void stateComputeStreamsEveryRecordedTrace() throws IOException {
        TraceReader traces = new TraceReader();
        for (long h : recorded("traces")) {
            if (h == FAILING_HEIGHT || h == REFUSING_HEIGHT) {
                continue;
            }
            TipSet ts = client.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
            List<InvocationResult> seen = new ArrayList<>();
            Cid root = client.stateCompute(h, ts.key(), GasChargeSummarizer::new, p -> traces.readComputeResult(p, seen::add));
            JsonNode raw = fixture("traces_" + h + ".json.gz");
            assertThat(root.toString()).isEqualTo(raw.get("Root").get("/").asText());
            assertThat(seen).hasSize(raw.get("Trace").size());
        }
    }

    @Test
    void transientFailuresAreRetriedRpcErrorsAreNot() {
        TipSet ts = client.chainGetTipSetByHeight(FAILING_HEIGHT, TipSetKey.EMPTY);
        double before = retries();
        Cid root = client.stateCompute(FAILING_HEIGHT, ts.key(), p -> new TraceReader().readComputeResult(p, ir -> { }));
        assertThat(root).isNotNull();
        assertThat(retries() - before).isEqualTo(2.0);

        TipSet refusing = client.chainGetTipSetByHeight(REFUSING_HEIGHT, TipSetKey.EMPTY);
        assertThatThrownBy(() -> client.stateCompute(REFUSING_HEIGHT, refusing.key(), ResultReader.tree()))
                .isInstanceOf(LotusRpcException.class);
        assertThat(retries() - before).isEqualTo(2.0);
    }

    private static double retries() {
        var c = registry.find(RpcMetrics.RETRIES).tag("method", "StateCompute").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void parentMessagesOfAChildBlockAreTheTipsetsExecutedMessages() throws IOException {
        long h = 1576593;
        TipSet ts = client.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
        Cid child = Cid.parse(ReplayNode.childBlockCid(ts.cids().stream().map(Cid::toString).toList()));
        List<ParentMessage> messages = client.chainGetParentMessages(child);
        List<MessageReceipt> receipts = client.chainGetParentReceipts(child);

        List<JsonNode> explicit = new ArrayList<>();
        fixture("traces_" + h + ".json.gz").get("Trace").forEach(ir -> {
            if (!ir.get("Msg").get("From").asText().endsWith("00") || ir.get("Msg").get("From").asText().length() != 3) {
                explicit.add(ir);
            }
        });
        assertThat(messages).extracting(m -> m.cid().toString())
                .containsExactlyElementsOf(explicit.stream().map(ir -> ir.get("MsgCid").get("/").asText()).toList());
        assertThat(receipts).extracting(MessageReceipt::gasUsed)
                .containsExactlyElementsOf(explicit.stream().map(ir -> ir.get("MsgRct").get("GasUsed").asLong()).toList());
    }

    @Test
    void eventsLogsAddressesAndActorsComeFromTheRecordings() throws IOException {
        long h = 1162295;
        List<ActorEvent> events = client.getActorEventsRaw(ActorEventFilter.heights(h, h));
        JsonNode nativeLogs = fixture("nativelog_" + h + ".json.gz");
        assertThat(events).hasSize(nativeLogs.size());
        assertThat(events.get(0).msgCid().toString()).isEqualTo(nativeLogs.get(0).get("msgCid").get("/").asText());
        List<EthLog> logs = client.ethGetLogs(EthFilter.heights(h, h));
        JsonNode ethLogs = fixture("ethlog_" + h + ".json.gz");
        assertThat(logs).extracting(EthLog::transactionHash)
                .containsExactlyElementsOf(ethLogs.findValuesAsText("transactionHash"));

        Address id = client.stateLookupId(Address.parse("t410fpzfl2y5hzayuzqunhcbqgrzdkpmij4uswh5uumi"), TipSetKey.EMPTY);
        assertThat(id.toString(Network.TESTNET)).isEqualTo("t025575");
        assertThat(client.filecoinAddressToEthAddress(Address.parse("t025575")))
                .isEqualTo("0x7e4abd63a7c8314cc28d388303472353d884f292");
        assertThatThrownBy(() -> client.stateGetActor(Address.id(999_999_999L), TipSetKey.EMPTY))
                .isInstanceOf(LotusNotFoundException.class);

        JsonNode state = fixture("traces_1419335.json.gz").get("Trace").get(0).get("ExecutionTrace").get("InvokedActor");
        Actor actor = client.stateGetActor(Address.id(state.get("Id").asLong()), TipSetKey.EMPTY);
        assertThat(actor.balance().toString()).isEqualTo(state.get("State").get("Balance").asText());
    }

    @Test
    void factsComeFromTheRecordings() {
        assertThat(client.version().version()).isNotBlank();
        assertThat(client.stateNetworkName()).isNotBlank();
    }

    @Test
    void syntheticChainLinksEveryTipsetToTheOneBeforeAndReorgs() {
        long from = 5_000_000;
        int length = 60;
        try (ReplayNode synthetic = ReplayNode.start(ReplayConfig.of(CALIBNET)
                .withSynthetic(SyntheticOptions.of(from, length).withNullEvery(7)))) {
            LotusClient c = new LotusClient(LotusClientConfig.of(synthetic.url().toString()), new SimpleMeterRegistry());
            List<TipSet> chain = walk(c, from, from + length - 1);
            assertThat(chain.get(chain.size() - 1).height()).isEqualTo(c.chainHead().height());
            long nulls = java.util.stream.LongStream.rangeClosed(from + 1, from + length - 1).filter(h -> h % 7 == 0).count();
            assertThat(chain).hasSize(length - (int) nulls);

            TipSet newHead = c.call("Replay.Reorg", ResultReader.of(TipSet.class), 3);
            assertThat(c.chainHead().key()).isEqualTo(newHead.key());
            List<TipSet> after = walk(c, from, from + length - 1);
            assertThat(after.subList(0, after.size() - 3)).isEqualTo(chain.subList(0, chain.size() - 3));
            for (int i = after.size() - 3; i < after.size(); i++) {
                assertThat(after.get(i).height()).isEqualTo(chain.get(i).height());
                assertThat(after.get(i).key()).isNotEqualTo(chain.get(i).key());
            }

            TipSet advanced = c.call("Replay.AdvanceHead", ResultReader.of(TipSet.class), 1);
            assertThat(advanced.height()).isGreaterThan(newHead.height());
        }
    }

    /** The tipsets from..to in order, null rounds skipped, each checked to name the previous as parent. */
    private static List<TipSet> walk(LotusClient c, long from, long to) {
        List<TipSet> out = new ArrayList<>();
        for (long h = from; h <= to; h++) {
            TipSet ts = c.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
            if (ts.height() != h) {
                assertThat(ts.height()).isEqualTo(out.get(out.size() - 1).height());
                continue;
            }
            if (!out.isEmpty()) {
                assertThat(ts.parentKey()).as("parents of %d", h).isEqualTo(out.get(out.size() - 1).key());
            }
            out.add(ts);
        }
        return out;
    }
}
