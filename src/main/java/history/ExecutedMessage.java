package history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import storage.rows.MessageRow;
import storage.rows.SubcallRow;
import trace.Call;
import trace.GasCost;
import trace.InvocationResult;

/**
 * What the movement model needs of one executed message, built from a trace (the pipeline) or from
 * stored rows (the API): the gas outputs and the call frames, the message's own call first.
 *
 * @param subcallsKnown false in degraded mode: only the message's own call is known
 */
public record ExecutedMessage(String cid, boolean implicit, long nonce, long exitCode, long gasUsed,
        BigInteger baseFeeBurn, BigInteger overEstimationBurn, BigInteger minerTip, boolean subcallsKnown,
        List<Frame> frames) {

    /** Exit codes only the executor's pre-flight gives (SysErrSenderInvalid, SysErrSenderStateInvalid). */
    private static final long SENDER_INVALID = 1;
    private static final long SENDER_STATE_INVALID = 2;
    private static final long OUT_OF_GAS = 7;

    public ExecutedMessage {
        frames = List.copyOf(frames);
        if (frames.isEmpty() || frames.get(0).idx() != 0) {
            throw new IllegalArgumentException("an executed message needs its own call as frame 0: " + cid);
        }
    }

    public Frame root() {
        return frames.get(0);
    }

    /**
     * Whether the sender's nonce moved: every explicit message that passed the executor's pre-flight
     * (a pre-flight failure charges nothing and uses no gas; implicit messages never bump it).
     */
    public boolean nonceAdvanced() {
        if (implicit || exitCode == SENDER_INVALID || exitCode == SENDER_STATE_INVALID) {
            return false;
        }
        return !(exitCode == OUT_OF_GAS && gasUsed == 0);
    }

    /** From the stored {@code messages} row and its {@code subcalls} rows (any order). */
    public static ExecutedMessage of(MessageRow m, List<SubcallRow> subcalls) {
        List<Frame> frames = new ArrayList<>(1 + subcalls.size());
        frames.add(new Frame(0, -1, m.fromAddress(), m.fromId(), m.toAddress(), m.toId(), m.value(), m.method(),
                m.exitCode()));
        subcalls.stream().sorted(java.util.Comparator.comparingInt(SubcallRow::idx))
                .forEach(s -> frames.add(new Frame(s.idx(), s.parentIdx(), s.fromAddress(), s.fromId(),
                        s.toAddress(), s.toId(), s.value(), s.method(), s.exitCode())));
        return new ExecutedMessage(m.cid(), m.implicit() == 1, m.nonce(), m.exitCode(), m.gasUsed(),
                m.baseFeeBurn(), m.overEstimationBurn(), m.minerTip(), m.subcallsAvailable() == 1, frames);
    }

    /** From one {@code InvocResult} of a {@code StateCompute} trace. */
    public static ExecutedMessage of(InvocationResult ir) {
        List<Frame> frames = new ArrayList<>();
        Call root = ir.trace();
        if (root == null) {
            frames.add(new Frame(0, -1, ir.msg().from(), boxed(Call.idOf(ir.msg().from())), ir.msg().to(),
                    boxed(Call.idOf(ir.msg().to())), ir.msg().value(), ir.msg().method(), ir.receipt().exitCode()));
        } else {
            frames.add(new Frame(0, -1, root.msg().from(), boxed(either(root.fromId(), ir.msg().from())),
                    root.msg().to(), boxed(either(root.toId(), ir.msg().to())), root.msg().value(), root.msg().method(),
                    ir.receipt().exitCode()));
            walk(root, 0, new int[] {0}, frames);
        }
        GasCost g = ir.gasCost();
        BigInteger zero = BigInteger.ZERO;
        return new ExecutedMessage(ir.msgCid().toString(), ir.isImplicit(), ir.msg().nonce(), ir.receipt().exitCode(),
                ir.receipt().gasUsed(), g == null ? zero : g.baseFeeBurn(), g == null ? zero : g.overEstimationBurn(),
                g == null ? zero : g.minerTip(), root != null, frames);
    }

    private static void walk(Call call, int parentIdx, int[] next, List<Frame> out) {
        for (Call c : call.subcalls()) {
            int idx = ++next[0];
            out.add(new Frame(idx, parentIdx, c.msg().from(), boxed(c.fromId()), c.msg().to(), boxed(c.toId()),
                    c.msg().value(), c.msg().method(), c.exitCode()));
            walk(c, idx, next, out);
        }
    }

    private static OptionalLong either(OptionalLong id, String address) {
        return id.isPresent() ? id : Call.idOf(address);
    }

    private static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
