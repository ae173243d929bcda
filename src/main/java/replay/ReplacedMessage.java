package replay;

import codec.cid.Cid;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A message a later block of a tipset includes although an earlier block already took its nonce:
 * the sender's replacement (same nonce, gas premium one attoFIL higher) of a recorded signed
 * message. Lotus executes a tipset's messages block by block and skips a message whose nonce is
 * not the sender's next one, so the replacement is in the block but never executed (no receipt,
 * not in StateCompute) — the recording's traces stay exactly as recorded.
 *
 * @param block index of the block that includes it (after the first block including the original)
 * @param original the executed message it replaces (signed CID)
 * @param cid its signed CID; {@code unsignedCid} the CID its body prints
 * @param body its {@code Message} JSON
 */
record ReplacedMessage(int block, String original, String cid, String unsignedCid, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The replacement for a tipset of at least two blocks: of the first explicit signed message
     * that some block after the first one including it does not include; none when no message fits.
     */
    static Optional<ReplacedMessage> of(RecordedTipSet ts, TraceFile tf) {
        List<String> blocks = ts.cids();
        for (TraceFile.Entry e : tf.entries()) {
            List<String> in = ts.blocksOfMessage().get(e.msgCid());
            if (e.implicit() || in == null || e.msgCid().equals(e.unsignedCid())) {
                continue;
            }
            int first = in.stream().mapToInt(blocks::indexOf).filter(i -> i >= 0).min().orElse(blocks.size());
            for (int j = blocks.size() - 1; j > first; j--) {
                if (!in.contains(blocks.get(j))) {
                    return Optional.of(replacing(e, j, tf));
                }
            }
        }
        return Optional.empty();
    }

    private static ReplacedMessage replacing(TraceFile.Entry e, int block, TraceFile tf) {
        try {
            ObjectNode msg = (ObjectNode) JSON.readTree(tf.bytes(), e.msg().start(), e.msg().length());
            msg.put("GasPremium", new BigInteger(msg.path("GasPremium").asText("0")).add(BigInteger.ONE).toString());
            String unsigned = cid("filflow-replay-replacement:unsigned:" + e.msgCid());
            msg.putObject("CID").put("/", unsigned);
            return new ReplacedMessage(block, e.msgCid(), cid("filflow-replay-replacement:" + e.msgCid()), unsigned,
                    JSON.writeValueAsBytes(msg));
        } catch (IOException ex) {
            throw new UncheckedIOException("malformed message in the traces", ex);
        }
    }

    private static String cid(String seed) {
        byte[] hash = codec.Blake2b.hash(seed.getBytes(StandardCharsets.UTF_8), 32);
        return Cid.v1(Cid.DAG_CBOR, Cid.BLAKE2B_256, hash).toString();
    }
}
