package replay;

/**
 * ChainGetParentMessages / ChainGetParentReceipts of a child block: the parent's non-implicit
 * executed messages in execution order ({@code [{Cid, Message}]}), and their receipts.
 */
final class ParentJson {
    private ParentJson() {
    }

    static byte[] messages(TraceFile tf) {
        RecordedChain.Json out = new RecordedChain.Json(tf.entries().size() * 512);
        out.raw("[");
        boolean first = true;
        for (TraceFile.Entry e : tf.entries()) {
            if (e.implicit()) {
                continue;
            }
            out.raw(first ? "" : ",").raw("{\"Cid\":{\"/\":\"" + e.msgCid() + "\"},\"Message\":").slice(tf.bytes(), e.msg())
                    .raw("}");
            first = false;
        }
        return out.raw("]").toByteArray();
    }

    static byte[] receipts(TraceFile tf) {
        RecordedChain.Json out = new RecordedChain.Json(tf.entries().size() * 128);
        out.raw("[");
        boolean first = true;
        for (TraceFile.Entry e : tf.entries()) {
            if (e.implicit()) {
                continue;
            }
            out.raw(first ? "" : ",").slice(tf.bytes(), e.receipt());
            first = false;
        }
        return out.raw("]").toByteArray();
    }
}
