package history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The FIL movements one executed message causes, as the FVM executor makes them:
 * <ul>
 * <li>value: every call frame that succeeded and whose ancestors all succeeded moved its value from
 * caller to callee (a failing call reverts its own transfer and everything below it);</li>
 * <li>gas, settled after the call tree: the sender pays the base fee burn and the over-estimation
 * burn to {@code f099} and the miner tip to the reward actor {@code f02}, which pays the block's
 * miner in the implicit reward message (a {@link MovementKind#MINER_REWARD} frame). The refund is the
 * part of the sender's gas escrow it gets back, so it is no movement. The miner penalty of a message
 * moves nothing there: the reward message passes it to the miner, which burns it in a frame
 * ({@link MovementKind#MINER_PENALTY}).</li>
 * </ul>
 * Actor creation, deletion (a send of the remaining balance to the beneficiary) and EVM value
 * transfers are frames like any other.
 */
public final class MovementModel {
    static final long REWARD_ACTOR = 2;
    static final long BURNT_FUNDS_ACTOR = 99;
    static final long APPLY_REWARDS = 14;
    static final String DEGRADED_UNKNOWN = "sub-call value moves (the node gave no execution trace)";

    private MovementModel() {
    }

    public static MessageMovements movements(ExecutedMessage m) {
        List<Movement> out = new ArrayList<>();
        Map<Integer, Frame> frames = new HashMap<>();
        Map<Integer, Boolean> applied = new HashMap<>();
        for (Frame f : m.frames()) {
            frames.put(f.idx(), f);
            boolean ok = f.exitCode() == 0 && (f.parentIdx() < 0 || applied.getOrDefault(f.parentIdx(), false));
            applied.put(f.idx(), ok);
            if (ok && f.value().signum() != 0) {
                pair(out, m.cid(), f.from(), f.fromId(), f.to(), f.toId(), f.value(), kind(m, f, frames), f.idx());
            }
        }
        Frame root = m.root();
        pair(out, m.cid(), root.from(), root.fromId(), "f099", BURNT_FUNDS_ACTOR, m.baseFeeBurn(),
                MovementKind.BASE_FEE_BURN, Movement.GAS_FRAME);
        pair(out, m.cid(), root.from(), root.fromId(), "f099", BURNT_FUNDS_ACTOR, m.overEstimationBurn(),
                MovementKind.OVER_ESTIMATION_BURN, Movement.GAS_FRAME);
        pair(out, m.cid(), root.from(), root.fromId(), "f02", REWARD_ACTOR, m.minerTip(), MovementKind.MINER_TIP,
                Movement.GAS_FRAME);
        return new MessageMovements(m.cid(), out, m.subcallsKnown(), m.subcallsKnown() ? "" : DEGRADED_UNKNOWN);
    }

    private static MovementKind kind(ExecutedMessage m, Frame f, Map<Integer, Frame> frames) {
        if (is(f.toId(), BURNT_FUNDS_ACTOR)) {
            Frame parent = frames.get(f.parentIdx());
            boolean rewardPenalty = parent != null && parent.method() == APPLY_REWARDS
                    && is(parent.fromId(), REWARD_ACTOR) && parent.toId() != null && parent.toId().equals(f.fromId());
            return rewardPenalty ? MovementKind.MINER_PENALTY : MovementKind.BURN;
        }
        if (m.implicit() && is(f.fromId(), REWARD_ACTOR)) {
            return MovementKind.MINER_REWARD;
        }
        return MovementKind.TRANSFER;
    }

    private static void pair(List<Movement> out, String cid, String from, Long fromId, String to, Long toId,
            BigInteger amount, MovementKind kind, int frame) {
        if (amount == null || amount.signum() == 0) {
            return;
        }
        int payer = out.size();
        out.add(new Movement(payer, account(from, fromId), fromId, amount.negate(), kind, cid, frame, payer + 1));
        out.add(new Movement(payer + 1, account(to, toId), toId, amount, kind, cid, frame, payer));
    }

    private static String account(String printed, Long id) {
        return id != null ? "f0" + Long.toUnsignedString(id) : printed;
    }

    private static boolean is(Long id, long expected) {
        return id != null && id == expected;
    }
}
