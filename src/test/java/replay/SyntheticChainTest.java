package replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.cid.Cid;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lotus.BlockHeader;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import lotus.LotusRpcException;
import lotus.ParentMessage;
import lotus.ResultReader;
import lotus.TipSet;
import lotus.TipSetKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthetic chain through the Lotus client: continuity, null rounds, consistency, reorgs, growth, faults. */
class SyntheticChainTest {
    private static final long FROM = 4_000_000;
    private static final long LENGTH = 40;
    private static final int NULL_EVERY = 7;
    private static ReplayNode node;
    private static LotusClient client;

    @BeforeAll
    static void start() {
        node = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET)
                .withSynthetic(SyntheticOptions.of(FROM, LENGTH).withNullEvery(NULL_EVERY)));
        client = client(node);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static LotusClient client(ReplayNode n) {
        return new LotusClient(LotusClientConfig.of(n.url().toString()).withRetries(0, Duration.ofMillis(10),
                Duration.ofMillis(10)), new SimpleMeterRegistry());
    }

    private static boolean isNull(long h) {
        return h != FROM && h % NULL_EVERY == 0;
    }

    @Test
    void consecutiveHeightsLinkToTheirParentsWithDistinctStableCids() {
        TipSet previous = null;
        Set<Cid> allBlocks = new HashSet<>();
        long lastHeight = FROM + LENGTH - 1;
        for (long h = FROM; h <= lastHeight; h++) {
            TipSet ts = client.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
            if (isNull(h)) {
                assertThat(ts.height()).as("null round %d answers the tipset below", h).isEqualTo(previous.height());
                continue;
            }
            long height = h;
            assertThat(ts.height()).isEqualTo(height);
            assertThat(ts.blocks()).allSatisfy(b -> assertThat(b.height()).isEqualTo(height));
            if (previous != null) {
                TipSet parent = previous;
                assertThat(ts.blocks()).allSatisfy(b -> assertThat(b.parents()).isEqualTo(parent.cids()));
                assertThat(ts.timestamp()).isGreaterThan(previous.timestamp());
            }
            assertThat(client.chainGetTipSetByHeight(h, TipSetKey.EMPTY)).as("stable across calls").isEqualTo(ts);
            assertThat(client.chainGetTipSet(ts.key())).isEqualTo(ts);
            for (BlockHeader b : ts.blocks()) {
                assertThat(allBlocks.add(b.cid())).as("block CIDs are distinct across heights").isTrue();
                assertThat(client.chainGetBlock(b.cid()).height()).isEqualTo(h);
            }
            previous = ts;
        }
        assertThat(client.chainHead().height()).isEqualTo(isNull(lastHeight) ? lastHeight - 1 : lastHeight);
        assertThatThrownBy(() -> client.chainGetTipSetByHeight(FROM + LENGTH + 5, TipSetKey.EMPTY))
                .isInstanceOf(LotusRpcException.class).hasMessageContaining("greater than start point");
    }

    @Test
    void messageCidsAgreeBetweenBlockMessagesStateComputeAndTheChildsParentMessages() {
        int bases = Fixtures.heights(Fixtures.CALIBNET, "traces").size();
        long h = FROM + 1;
        TipSet ts = client.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
        JsonNode compute = client.stateCompute(h, ts.key(), ResultReader.tree());
        List<String> executed = new ArrayList<>();
        List<String> explicit = new ArrayList<>();
        compute.get("Trace").forEach(t -> {
            executed.add(t.get("MsgCid").get("/").asText());
            if (!t.get("Msg").get("From").asText().equals("f00")) {
                explicit.add(t.get("MsgCid").get("/").asText());
            }
        });
        Set<String> inBlocks = new HashSet<>();
        ts.blocks().forEach(b -> client.chainGetBlockMessages(b.cid()).cids().forEach(c -> inBlocks.add(c.toString())));
        assertThat(executed).containsAll(inBlocks);
        assertThat(inBlocks).containsExactlyInAnyOrderElementsOf(explicit);

        TipSet child = client.chainGetTipSetByHeight(h + 1, TipSetKey.EMPTY);
        List<ParentMessage> pm = client.chainGetParentMessages(child.cids().get(0));
        assertThat(pm.stream().map(m -> m.cid().toString()).toList()).isEqualTo(explicit);
        assertThat(client.chainGetParentReceipts(child.cids().get(0))).hasSameSizeAs(explicit);
        assertThat(child.blocks().get(0).parentStateRoot().toString()).isEqualTo(compute.get("Root").get("/").asText());

        JsonNode again = client.stateCompute(h, ts.key(), ResultReader.tree());
        assertThat(again).isEqualTo(compute);
        long sameBase = h + bases;
        while (isNull(sameBase)) {
            sameBase += bases;
        }
        TipSet other = client.chainGetTipSetByHeight(sameBase, TipSetKey.EMPTY);
        JsonNode otherCompute = client.stateCompute(sameBase, other.key(), ResultReader.tree());
        assertThat(otherCompute.get("Trace").size()).isEqualTo(compute.get("Trace").size());
        assertThat(otherCompute.get("Trace").get(0).get("MsgCid")).isNotEqualTo(compute.get("Trace").get(0).get("MsgCid"));
        assertThat(otherCompute.get("Trace").get(0).get("Msg").get("Nonce"))
                .isEqualTo(compute.get("Trace").get(0).get("Msg").get("Nonce"));
    }

    @Test
    void synthesizedCidsAreWellFormedBlake2bDagCbor() {
        TipSet ts = client.chainHead();
        JsonNode compute = client.stateCompute(ts.height(), ts.key(), ResultReader.tree());
        List<Cid> cids = new ArrayList<>(ts.cids());
        compute.get("Trace").forEach(t -> cids.add(Cid.parse(t.get("MsgCid").get("/").asText())));
        assertThat(cids).allSatisfy(c -> {
            assertThat(c.version()).isEqualTo(1);
            assertThat(c.codec()).isEqualTo(Cid.DAG_CBOR);
            assertThat(c.multihashCode()).isEqualTo(Cid.BLAKE2B_256);
        });
    }

    @Test
    void aReorgReplacesTheLastTipsetsVisiblyAndKeepsTheOldBranchLoadable() {
        try (ReplayNode n = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET).withSynthetic(SyntheticOptions.of(100, 20)))) {
            LotusClient c = client(n);
            TipSet oldHead = c.chainHead();
            TipSet oldMinus1 = c.chainGetTipSetByHeight(oldHead.height() - 1, TipSetKey.EMPTY);
            TipSet oldMinus2 = c.chainGetTipSetByHeight(oldHead.height() - 2, TipSetKey.EMPTY);
            TipSet newHead = c.call("Replay.Reorg", ResultReader.of(TipSet.class), 2);
            assertThat(c.chainHead()).isEqualTo(newHead);
            assertThat(newHead.height()).isEqualTo(oldHead.height());
            assertThat(newHead.cids()).doesNotContainAnyElementsOf(oldHead.cids());
            TipSet newMinus1 = c.chainGetTipSetByHeight(oldHead.height() - 1, TipSetKey.EMPTY);
            assertThat(newMinus1.cids()).doesNotContainAnyElementsOf(oldMinus1.cids());
            assertThat(c.chainGetTipSetByHeight(oldHead.height() - 2, TipSetKey.EMPTY)).isEqualTo(oldMinus2);
            assertThat(newHead.parentKey()).isEqualTo(newMinus1.key());
            assertThat(newMinus1.parentKey()).isEqualTo(oldMinus2.key());
            assertThat(c.chainGetTipSet(oldHead.key())).isEqualTo(oldHead);
            assertThat(c.chainGetTipSetByHeight(oldHead.height() - 1, oldHead.key())).isEqualTo(oldMinus1);

            TipSet grown = c.call("Replay.AdvanceHead", ResultReader.of(TipSet.class), 3);
            assertThat(grown.height()).isEqualTo(oldHead.height() + 3);
            assertThat(c.chainGetTipSetByHeight(oldHead.height() + 1, TipSetKey.EMPTY).parentKey()).isEqualTo(newHead.key());
        }
    }

    @Test
    void aPlannedReorgFiresAfterTheConfiguredRequestCount() {
        try (ReplayNode n = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET)
                .withSynthetic(SyntheticOptions.of(100, 10).withReorgAfterRequests(1, 3)))) {
            LotusClient c = client(n);
            TipSet first = c.chainHead();
            assertThat(c.chainHead()).isEqualTo(first);
            TipSet third = c.chainHead();
            assertThat(third.height()).isEqualTo(first.height());
            assertThat(third.cids()).doesNotContainAnyElementsOf(first.cids());
        }
    }

    @Test
    void theHeadGrowsOnATimer() throws InterruptedException {
        try (ReplayNode n = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET)
                .withSynthetic(SyntheticOptions.of(100, 5).withGrowth(Duration.ofMillis(50))))) {
            LotusClient c = client(n);
            long start = c.chainHead().height();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> c.chainHead().height() >= start + 3);
        }
    }

    @Test
    void plannedFaultsFailStateComputeThenRecover() {
        long h = 120;
        try (ReplayNode n = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET).withSynthetic(SyntheticOptions.of(100, 30))
                .withFaults(Faults.failHeight(h, 2, Faults.Kind.RPC_ERROR)))) {
            LotusClient c = client(n);
            TipSet ts = c.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> c.stateCompute(h, ts.key(), ResultReader.tree()))
                        .isInstanceOf(LotusRpcException.class).hasMessageContaining("injected failure");
            }
            assertThat(c.stateCompute(h, ts.key(), ResultReader.tree()).get("Trace").isArray()).isTrue();

            RawRpc raw = new RawRpc(n.url());
            long h2 = h + 1;
            TipSet ts2 = c.chainGetTipSetByHeight(h2, TipSetKey.EMPTY);
            assertThat(raw.call("Replay.FailHeight", h2, 1, "HTTP_503").result().asBoolean()).isTrue();
            assertThat(raw.call("Filecoin.StateCompute", h2, List.of(), ts2.cids().stream().map(x -> RawRpc.cid(x.toString()))
                    .toList()).status()).isEqualTo(503);
            assertThat(raw.call("Filecoin.StateCompute", h2, List.of(), ts2.cids().stream().map(x -> RawRpc.cid(x.toString()))
                    .toList()).status()).isEqualTo(200);
        }
    }

    @Test
    void eventsOfASyntheticHeightAreItsRecordingsWithTheSyntheticCids() {
        List<Long> traced = Fixtures.heights(Fixtures.CALIBNET, "traces");
        long recorded = 1576593;
        long h = FROM + traced.indexOf(recorded);
        while (isNull(h)) {
            h += traced.size();
        }
        TipSet ts = client.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
        Set<String> executed = new HashSet<>();
        client.stateCompute(h, ts.key(), ResultReader.tree()).get("Trace")
                .forEach(t -> executed.add(t.get("MsgCid").get("/").asText()));

        var logs = client.ethGetLogs(lotus.EthFilter.heights(h, h));
        assertThat(logs).hasSize(Fixtures.json(Fixtures.CALIBNET, "ethlog", recorded).size());
        long height = h;
        assertThat(logs).allSatisfy(l -> {
            assertThat(l.blockNumber()).isEqualTo(height);
            assertThat(executed).contains(l.transactionCid());
        });
        var events = client.getActorEventsRaw(lotus.ActorEventFilter.tipset(ts.key()));
        assertThat(events).hasSize(Fixtures.json(Fixtures.CALIBNET, "nativelog", recorded).size());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.height()).isEqualTo(height);
            assertThat(e.tipsetKey()).isEqualTo(ts.key());
            assertThat(executed).contains(e.msgCid().toString());
        });

        long withoutNativeLog = FROM + traced.indexOf(845259L);
        while (isNull(withoutNativeLog)) {
            withoutNativeLog += traced.size();
        }
        long missing = withoutNativeLog;
        assertThatThrownBy(() -> client.getActorEventsRaw(lotus.ActorEventFilter.heights(missing, missing)))
                .isInstanceOf(LotusRpcException.class).hasMessageContaining("not recorded");
    }

    @Test
    void aNodeWithoutStateComputeLeavesParentMessagesAsTheFallback() {
        try (ReplayNode gateway = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET).withSynthetic(SyntheticOptions.of(100, 10))
                .withoutMethods("Filecoin.StateCompute", "Filecoin.StateReplay"))) {
            LotusClient c = client(gateway);
            TipSet ts = c.chainGetTipSetByHeight(105, TipSetKey.EMPTY);
            assertThatThrownBy(() -> c.stateCompute(105, ts.key(), ResultReader.tree()))
                    .isInstanceOf(lotus.LotusMethodNotAvailableException.class);
            TipSet child = c.chainGetTipSetByHeight(106, TipSetKey.EMPTY);
            assertThat(c.chainGetParentMessages(child.cids().get(0))).isNotEmpty();
        }
    }

    @Test
    void theJavaControlsDriveTheSameChanges() {
        try (ReplayNode n = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET).withSynthetic(SyntheticOptions.of(100, 10)))) {
            LotusClient c = client(n);
            TipSet before = c.chainHead();
            n.reorg(1);
            TipSet after = c.chainHead();
            assertThat(after.height()).isEqualTo(before.height());
            assertThat(after.cids()).doesNotContainAnyElementsOf(before.cids());
            n.advanceHead(2);
            assertThat(c.chainHead().height()).isEqualTo(before.height() + 2);
            n.failHeight(before.height(), 1, Faults.Kind.RPC_ERROR);
            assertThatThrownBy(() -> c.stateCompute(after.height(), after.key(), ResultReader.tree()))
                    .isInstanceOf(LotusRpcException.class);
            assertThat(c.stateCompute(after.height(), after.key(), ResultReader.tree()).has("Root")).isTrue();
        }
        try (ReplayNode recorded = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET))) {
            assertThatThrownBy(() -> recorded.reorg(1)).isInstanceOf(IllegalStateException.class);
        }
    }
}
