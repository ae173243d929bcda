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

    /** @param addresses addresses a branch may print differently (also swapped where they occur) */
    SyntheticBase(RecordedTipSet tipset, TraceFile traces, Set<String> addresses) {
        this.tipset = tipset;
        this.traces = traces;
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
        cids.addAll(addresses);
        this.rewritten = Set.copyOf(cids);
        this.compute = new CidTemplate(traces.bytes(), rewritten);
        for (String block : tipset.cids()) {
            blockMessages.add(new CidTemplate(BlockMessagesJson.build(tipset, block, traces), rewritten));
        }
        this.parentMessages = new CidTemplate(ParentJson.messages(traces), rewritten);
        this.parentReceipts = ParentJson.receipts(traces);
    }

    RecordedTipSet tipset() {
        return tipset;
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
