package replay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChainGetBlockMessages of a recorded block: the messages the recording lists for that block
 * (extra {@code BlockMessages} key), bodies from the traces, in execution order. A message whose
 * MsgCid equals its unsigned CID is a BLS message; the others are signed (secp256k1 or delegated),
 * whose signatures were not recorded and are printed as null. The traces hold executed messages
 * only: a listed message they have no body for (one the tipset included but never executed, or
 * every message of a tipset recorded without traces) is left out of the answer and named in the
 * node's log, rather than failing the whole answer.
 */
final class BlockMessagesJson {
    private static final Logger LOG = LoggerFactory.getLogger(BlockMessagesJson.class);

    private BlockMessagesJson() {
    }

    /**
     * @param tf the tipset's traces, or null when they were not recorded
     * @param extra a message the block includes beyond the recording (the synthetic chain's
     *              replacement, see {@link ReplacedMessage}), or null
     */
    static byte[] build(RecordedTipSet ts, String blockCid, TraceFile tf, ReplacedMessage extra) {
        Set<String> listed = new LinkedHashSet<>();
        ts.blocksOfMessage().forEach((msg, blocks) -> {
            if (blocks.contains(blockCid)) {
                listed.add(msg);
            }
        });
        List<TraceFile.Entry> bls = new ArrayList<>();
        List<TraceFile.Entry> secp = new ArrayList<>();
        for (TraceFile.Entry e : tf == null ? List.<TraceFile.Entry>of() : tf.entries()) {
            if (listed.remove(e.msgCid())) {
                (e.msgCid().equals(e.unsignedCid()) ? bls : secp).add(e);
            }
        }
        if (!listed.isEmpty()) {
            LOG.warn("ChainGetBlockMessages {} (height {}): no recorded body for {} of its messages, left out: {}",
                    blockCid, ts.height(), listed.size(), listed);
        }
        RecordedChain.Json out = new RecordedChain.Json(1024 * (bls.size() + secp.size() + 2));
        out.raw("{\"BlsMessages\":[");
        for (int i = 0; i < bls.size(); i++) {
            out.raw(i == 0 ? "" : ",").slice(tf.bytes(), bls.get(i).msg());
        }
        out.raw("],\"SecpkMessages\":[");
        for (int i = 0; i < secp.size(); i++) {
            TraceFile.Entry e = secp.get(i);
            out.raw(i == 0 ? "" : ",").raw("{\"Message\":").slice(tf.bytes(), e.msg())
                    .raw(",\"Signature\":null,\"CID\":{\"/\":\"" + e.msgCid() + "\"}}");
        }
        if (extra != null) {
            out.raw(secp.isEmpty() ? "" : ",").raw("{\"Message\":").raw(new String(extra.body(),
                    java.nio.charset.StandardCharsets.UTF_8)).raw(",\"Signature\":null,\"CID\":{\"/\":\"" + extra.cid() + "\"}}");
        }
        out.raw("],\"Cids\":[");
        List<String> all = new ArrayList<>();
        bls.forEach(e -> all.add(e.msgCid()));
        secp.forEach(e -> all.add(e.msgCid()));
        if (extra != null) {
            all.add(extra.cid());
        }
        for (int i = 0; i < all.size(); i++) {
            out.raw((i == 0 ? "" : ",") + "{\"/\":\"" + all.get(i) + "\"}");
        }
        return out.raw("]}").toByteArray();
    }
}
