package replay;

import java.util.ArrayList;
import java.util.List;

/**
 * ChainGetBlockMessages of a recorded block: the messages the recording lists for that block
 * (extra {@code BlockMessages} key), bodies from the traces, in execution order. A message whose
 * MsgCid equals its unsigned CID is a BLS message; the others are signed (secp256k1 or delegated),
 * whose signatures were not recorded and are printed as null.
 */
final class BlockMessagesJson {
    private BlockMessagesJson() {
    }

    static byte[] build(RecordedTipSet ts, String blockCid, TraceFile tf) {
        List<TraceFile.Entry> bls = new ArrayList<>();
        List<TraceFile.Entry> secp = new ArrayList<>();
        int listed = 0;
        for (var e : ts.blocksOfMessage().entrySet()) {
            if (e.getValue().contains(blockCid)) {
                listed++;
            }
        }
        for (TraceFile.Entry e : tf.entries()) {
            List<String> in = ts.blocksOfMessage().get(e.msgCid());
            if (in != null && in.contains(blockCid)) {
                (e.msgCid().equals(e.unsignedCid()) ? bls : secp).add(e);
            }
        }
        if (bls.size() + secp.size() != listed) {
            throw LotusErrors.notRecorded("a message body of block " + blockCid);
        }
        RecordedChain.Json out = new RecordedChain.Json(1024 * (listed + 1));
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
        out.raw("],\"Cids\":[");
        List<TraceFile.Entry> all = new ArrayList<>(bls);
        all.addAll(secp);
        for (int i = 0; i < all.size(); i++) {
            out.raw((i == 0 ? "" : ",") + "{\"/\":\"" + all.get(i).msgCid() + "\"}");
        }
        return out.raw("]}").toByteArray();
    }
}
