package replay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One recorded tipset with its traces, prepared as templates for the synthetic chain: the
 * StateCompute answer, each block's ChainGetBlockMessages and the child's parent messages, each
 * with the positions of its message CIDs (and the state root) so a synthetic height swaps them.
 */
final class SyntheticBase {
    private final RecordedTipSet tipset;
    private final TraceFile traces;
    private final CidTemplate compute;
    private final List<CidTemplate> blockMessages = new ArrayList<>();
    private final CidTemplate parentMessages;
    private final byte[] parentReceipts;
    private final Set<String> rewritten;
    private final ReplacedMessage replaced;

    /**
     * @param addresses addresses a branch may print differently (also swapped where they occur)
     * @param replacedMessages a later block also includes a replacement that is never executed
     */
    SyntheticBase(RecordedTipSet tipset, TraceFile traces, Set<String> addresses, boolean replacedMessages) {
        this.tipset = tipset;
        this.traces = traces;
        this.replaced = replacedMessages ? ReplacedMessage.of(tipset, traces).orElse(null) : null;
        Set<String> cids = new HashSet<>();
        for (TraceFile.Entry e : traces.entries()) {
            cids.add(e.msgCid());
            if (e.unsignedCid() != null) {
                cids.add(e.unsignedCid());
            }
        }
        if (traces.root() != null) {
            cids.add(traces.root());
        }
        if (replaced != null) {
            cids.add(replaced.cid());
            cids.add(replaced.unsignedCid());
        }
        cids.addAll(addresses);
        this.rewritten = Set.copyOf(cids);
        this.compute = new CidTemplate(traces.bytes(), rewritten);
        List<String> blocks = tipset.cids();
        for (int i = 0; i < blocks.size(); i++) {
            ReplacedMessage extra = replaced != null && replaced.block() == i ? replaced : null;
            blockMessages.add(new CidTemplate(BlockMessagesJson.build(tipset, blocks.get(i), traces, extra), rewritten));
        }
        this.parentMessages = new CidTemplate(ParentJson.messages(traces), rewritten);
        this.parentReceipts = ParentJson.receipts(traces);
    }

    RecordedTipSet tipset() {
        return tipset;
    }

    /** The message a later block includes but the tipset never executes, if this base has one. */
    java.util.Optional<ReplacedMessage> replaced() {
        return java.util.Optional.ofNullable(replaced);
    }

    TraceFile traces() {
        return traces;
    }

    /** The strings a synthetic height replaces: message CIDs (signed and unsigned), the state root, forked addresses. */
    Set<String> rewritten() {
        return rewritten;
    }

    CidTemplate compute() {
        return compute;
    }

    CidTemplate blockMessages(int blockIndex) {
        return blockMessages.get(blockIndex);
    }

    CidTemplate parentMessages() {
        return parentMessages;
    }

    byte[] parentReceipts() {
        return parentReceipts;
    }
}
