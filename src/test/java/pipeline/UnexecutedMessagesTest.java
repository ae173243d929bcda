package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import api.ActorDirectory;
import api.ClickHouseRows;
import api.MessageQueries;
import codec.address.Network;
import codec.cid.Cid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import lotus.BlockMessages;
import lotus.SignedMessage;
import lotus.TipSet;
import lotus.TipSetKey;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.SyntheticOptions;

/**
 * Item 11 of issue 14: messages a tipset includes but never executes are chain facts. On the
 * synthetic calibnet chain each tipset with a fitting message also carries, in a later block,
 * the sender's replacement of a recorded signed message (same nonce, premium + 1): the earlier
 * block took the nonce, so the tipset never executes it (Lotus's rule), and the recorded traces
 * stay as they are. Messages several blocks include are executed once (the recordings have many).
 * Expected values are read from the raw recordings with a plain tree walk.
 */
class UnexecutedMessagesTest {
    private static final long FROM = 3_000;

    /** What a recording says the replacement is: the block that includes it and the original's body. */
    record Expected(int block, JsonNode original) {
    }

    @Test
    void includedButNotExecutedMessagesAreIndexedWithoutReceiptAndDuplicatesExecuteOnce() {
        List<Long> recorded = FixtureCounts.recordedHeights("calibnet").stream()
                .filter(h -> FixtureCounts.hasTraces("calibnet", h)).toList();
        ReplayConfig config = ReplayConfig.of(FixtureCounts.LOTUS.resolve("calibnet"))
                .withSynthetic(SyntheticOptions.of(FROM, recorded.size()).withReplacedMessages());
        try (PipelineFixture f = new PipelineFixture(config, "calibnet", "unexecuted_messages", Integer.MAX_VALUE)) {
            List<Long> heights = LongStream.range(FROM, FROM + recorded.size()).boxed().toList();
            assertThat(f.route.index(heights, c -> { })).allMatch(HeightResult::succeeded);
            MessageQueries api = new MessageQueries(new ClickHouseRows(f.clickHouse::client, 30_000),
                    new ActorDirectory(new ClickHouseRows(f.clickHouse::client, 30_000), Network.MAINNET));
            int replaced = 0;
            for (int i = 0; i < recorded.size(); i++) {
                long h = FROM + i;
                long r = recorded.get(i);
                JsonNode tipset = FixtureCounts.read("calibnet", "tipset", r);
                Expected expected = expected(tipset, FixtureCounts.read("calibnet", "traces", r));
                TipSet ts = f.lotus.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
                Set<String> notExecuted = notExecuted(f, ts);
                List<String> stored = f.column("SELECT cid FROM canonical_unexecuted_messages WHERE height = ?", h);
                assertThat(stored).as("not executed at %d (recording %d)", h, r).containsExactlyInAnyOrderElementsOf(notExecuted);

                int inBlocks = tipset.path("BlockMessages").size();
                int inclusions = 0;
                int multi = 0;
                for (JsonNode blocks : tipset.path("BlockMessages")) {
                    inclusions += blocks.size();
                    multi += blocks.size() > 1 ? 1 : 0;
                }
                assertThat(f.count("SELECT count() FROM canonical_messages WHERE height = ? AND implicit = 0", h))
                        .as("explicit messages executed once each at %d", h).isEqualTo(inBlocks);
                assertThat(f.count("SELECT count() FROM canonical_messages WHERE height = ? AND length(block_cids) > 1", h))
                        .as("messages several blocks include at %d", h).isEqualTo(multi);
                assertThat(f.count("SELECT count() FROM canonical_block_messages WHERE height = ?", h))
                        .as("inclusions at %d", h).isEqualTo(inclusions + (expected == null ? 0 : 1));
                if (expected == null) {
                    assertThat(notExecuted).isEmpty();
                    continue;
                }
                replaced++;
                assertThat(notExecuted).hasSize(1);
                String cid = notExecuted.iterator().next();
                String block = ts.cids().get(expected.block()).toString();
                assertThat(f.count("SELECT count() FROM canonical_messages WHERE height = ? AND cid = ?", h, cid)).isZero();
                assertThat(f.count("SELECT count() FROM canonical_block_messages WHERE height = ? AND message_cid = ?"
                        + " AND block_cid = ?", h, cid, block)).isEqualTo(1);

                JsonNode o = expected.original();
                ObjectNode m = api.message(cid);
                assertThat(m.path("executed").asBoolean(true)).isFalse();
                assertThat(m.path("exitCode").isNull()).isTrue();
                assertThat(m.path("height").asLong()).isEqualTo(h);
                assertThat(m.path("blockCids").toString()).isEqualTo("[\"" + block + "\"]");
                assertThat(m.path("nonce").asLong()).isEqualTo(o.path("Nonce").asLong());
                assertThat(m.path("value").asText()).isEqualTo(o.path("Value").asText());
                assertThat(m.path("method").asLong()).isEqualTo(o.path("Method").asLong());
                assertThat(m.path("gasLimit").asLong()).isEqualTo(o.path("GasLimit").asLong());
                assertThat(m.path("gasPremium").asText())
                        .isEqualTo(new BigInteger(o.path("GasPremium").asText()).add(BigInteger.ONE).toString());
                assertThat(m.path("from").toString()).contains(o.path("From").asText());
            }
            assertThat(replaced).as("recordings with a message to replace").isGreaterThanOrEqualTo(5);
        }
    }

    /** Messages the node's blocks list that its StateCompute answer (read as a raw tree) does not execute. */
    private static Set<String> notExecuted(PipelineFixture f, TipSet ts) {
        JsonNode compute = f.lotus.stateCompute(ts.height(), ts.key(), p -> p.readValueAsTree());
        Set<String> executed = new HashSet<>();
        compute.path("Trace").forEach(t -> executed.add(t.path("MsgCid").path("/").asText()));
        Set<String> out = new HashSet<>();
        for (Cid block : ts.cids()) {
            BlockMessages bm = f.lotus.chainGetBlockMessages(block);
            for (SignedMessage sm : bm.secpkMessages()) {
                if (!executed.contains(sm.cid().toString())) {
                    out.add(sm.cid().toString());
                }
            }
            bm.blsMessages().forEach(m -> assertThat(executed).contains(m.cid().toString()));
        }
        return out;
    }

    /**
     * The first explicit signed message of the traces (MsgCid differs from the body's CID) that a
     * block after the first one including it does not include; its replacement goes into the last
     * such block. Null when the recording has none.
     */
    private static Expected expected(JsonNode tipset, JsonNode traces) {
        List<String> blocks = new ArrayList<>();
        tipset.path("Cids").forEach(c -> blocks.add(c.path("/").asText()));
        for (JsonNode ir : traces.path("Trace")) {
            String from = ir.path("Msg").path("From").asText();
            String cid = ir.path("MsgCid").path("/").asText();
            JsonNode in = tipset.path("BlockMessages").path(cid);
            if (from.endsWith("00") && from.length() == 3 || in.isMissingNode()
                    || cid.equals(ir.path("Msg").path("CID").path("/").asText())) {
                continue;
            }
            Set<String> including = new HashSet<>();
            in.forEach(b -> including.add(b.path("Cid").asText()));
            int first = blocks.size();
            for (int j = 0; j < blocks.size(); j++) {
                if (including.contains(blocks.get(j))) {
                    first = Math.min(first, j);
                }
            }
            for (int j = blocks.size() - 1; j > first; j--) {
                if (!including.contains(blocks.get(j))) {
                    return new Expected(j, ir.path("Msg"));
                }
            }
        }
        return null;
    }
}
