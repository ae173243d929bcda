package history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import history.RawTraces.RawFrame;
import history.RawTraces.Recording;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trace.InvocationResult;

/**
 * The movement model against the chain's own state. Lotus 1.26+ traces record the invoked actor's
 * state at every call; the FVM call manager reads it when the call starts, before the call's value
 * moves (ref-fvm {@code call_actor_resolved}: trace {@code InvokeActor}, then {@code transfer}), and
 * after the executor's pre-flight took the sender's gas escrow ({@code gasFeeCap × gasLimit}) and
 * bumped its nonce. So at every recorded call, an actor's balance must equal
 * <pre>
 *   its balance when the tipset started                       (unknown: fixed by its first recording)
 * + the model's movements of every earlier message of the tipset
 * − the gas escrow, when the actor sent the running message
 * + the value moves of the running message still in effect at that call
 * </pre>
 * The last term is simulated here from the raw trace by the FVM's rules (a call's transfer happens
 * when it starts and is undone when it or an enclosing call fails). Expected balances are the raw
 * recordings, never filflow's.
 */
class MovementReconciliationTest {

    @Test
    void everyRecordedBalanceMatchesTheHistoryTheModelImplies() {
        int checked = 0;
        int tipsets = 0;
        for (Recording r : RawTraces.all()) {
            JsonNode raw = r.raw().path("Trace");
            if (!hasInvokedActors(raw)) {
                continue; // before Lotus 1.26 nothing records actor state
            }
            tipsets++;
            checked += reconcile(r, raw, r.parsed().trace());
        }
        assertThat(tipsets).as("1.26+ recordings").isGreaterThanOrEqualTo(5);
        // every recording after an actor's first one is a check: the fixtures hold hundreds
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void valueIsConservedPerTipset() {
        for (Recording r : RawTraces.all()) {
            BigInteger sum = BigInteger.ZERO;
            for (InvocationResult ir : r.parsed().trace()) {
                MessageMovements mm = MovementModel.movements(ExecutedMessage.of(ir));
                assertThat(mm.net()).as("%s %s", r, ir.msgCid()).isZero();
                sum = sum.add(mm.net());
            }
            assertThat(sum).as(r.toString()).isZero();
        }
    }

    private static int reconcile(Recording r, JsonNode raw, List<InvocationResult> parsed) {
        assertThat(parsed).hasSize(raw.size());
        Map<Long, BigInteger> settled = new HashMap<>(); // model movements of finished messages
        Map<Long, BigInteger> base = new HashMap<>();    // balance at tipset start, from the first recording
        int checked = 0;
        for (int m = 0; m < raw.size(); m++) {
            JsonNode result = raw.get(m);
            List<RawFrame> frames = RawTraces.frames(result.path("ExecutionTrace"));
            Long sender = frames.get(0).fromId();
            JsonNode msg = result.path("Msg");
            boolean explicit = !"f00".equals(msg.path("From").asText()) && !"t00".equals(msg.path("From").asText());
            BigInteger escrow = explicit && frames.get(0).call().path("Msg").isObject()
                    ? new BigInteger(msg.path("GasFeeCap").asText()).multiply(BigInteger.valueOf(msg.path("GasLimit").asLong()))
                    : BigInteger.ZERO;
            for (RawFrame k : frames) {
                JsonNode state = k.state();
                if (state == null) {
                    continue;
                }
                long actor = k.toId();
                BigInteger recorded = new BigInteger(state.path("Balance").asText());
                BigInteger transient_ = inEffect(frames, k, actor);
                if (explicit && sender != null && sender == actor) {
                    transient_ = transient_.subtract(escrow);
                    assertThat(state.path("Nonce").asLong()).as("%s message %d: sender's nonce at its own call", r, m)
                            .isEqualTo(msg.path("Nonce").asLong() + 1);
                }
                BigInteger sofar = settled.getOrDefault(actor, BigInteger.ZERO).add(transient_);
                BigInteger start = base.get(actor);
                if (start == null) {
                    base.put(actor, recorded.subtract(sofar));
                    continue;
                }
                assertThat(start.add(sofar)).as("%s message %d (%s) frame %d: balance of f0%d", r, m,
                        result.path("MsgCid").path("/").asText(), k.idx(), actor).isEqualTo(recorded);
                checked++;
            }
            MessageMovements mm = MovementModel.movements(ExecutedMessage.of(parsed.get(m)));
            for (Movement mv : mm.movements()) {
                assertThat(mv.actorId()).as("%s %s: every party of a 1.26+ trace has an ID", r, mv).isNotNull();
                settled.merge(mv.actorId(), mv.amount(), BigInteger::add);
            }
        }
        return checked;
    }

    /**
     * What the running message's transfers have done to {@code actor} when frame {@code k} starts:
     * a frame's transfer is in effect if the frame encloses {@code k}, or if it and every frame
     * between it and the nearest frame enclosing {@code k} ended successfully.
     */
    private static BigInteger inEffect(List<RawFrame> frames, RawFrame k, long actor) {
        BigInteger sum = BigInteger.ZERO;
        java.util.Set<Integer> enclosing = new java.util.HashSet<>();
        for (int p = k.parent(); p >= 0; p = frames.get(p).parent()) {
            enclosing.add(p);
        }
        for (RawFrame j : frames.subList(0, k.idx())) {
            if (j.value().signum() == 0 || !survives(frames, j, enclosing)) {
                continue;
            }
            if (j.toId() != null && j.toId() == actor) {
                sum = sum.add(j.value());
            }
            if (j.fromId() != null && j.fromId() == actor) {
                sum = sum.subtract(j.value());
            }
        }
        return sum;
    }

    private static boolean survives(List<RawFrame> frames, RawFrame j, java.util.Set<Integer> enclosing) {
        for (int f = j.idx(); f >= 0 && !enclosing.contains(f); f = frames.get(f).parent()) {
            if (frames.get(f).exitCode() != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasInvokedActors(JsonNode trace) {
        for (JsonNode result : trace) {
            if (result.path("ExecutionTrace").path("InvokedActor").isObject()) {
                return true;
            }
        }
        return false;
    }
}
