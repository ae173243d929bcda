package history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import history.RawTraces.RawFrame;
import history.RawTraces.Recording;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import trace.InvocationResult;

/** The movement model on every recorded message of both networks, checked against the raw JSON. */
class MovementModelTest {

    @Test
    void gasMovementsAreTheRecordedGasCost() {
        int messages = 0;
        for (Recording r : RawTraces.all()) {
            JsonNode raw = r.raw().path("Trace");
            List<InvocationResult> parsed = r.parsed().trace();
            for (int m = 0; m < raw.size(); m++) {
                JsonNode cost = raw.get(m).path("GasCost");
                List<Movement> gas = MovementModel.movements(ExecutedMessage.of(parsed.get(m))).movements().stream()
                        .filter(Movement::gas).toList();
                BigInteger burnt = sum(gas, mv -> mv.actorId() != null && mv.actorId() == 99);
                BigInteger toReward = sum(gas, mv -> mv.actorId() != null && mv.actorId() == 2);
                BigInteger paid = sum(gas, mv -> mv.amount().signum() < 0);
                assertThat(burnt).as("%s message %d burnt", r, m).isEqualTo(
                        big(cost, "BaseFeeBurn").add(big(cost, "OverEstimationBurn")));
                assertThat(toReward).as("%s message %d tip", r, m).isEqualTo(big(cost, "MinerTip"));
                assertThat(paid).as("%s message %d paid by the sender", r, m).isEqualTo(big(cost, "TotalCost"));
                messages++;
            }
        }
        assertThat(messages).isGreaterThan(500);
    }

    @Test
    void onlyFramesThatSucceededWithTheirAncestorsMoveValue() {
        int reverted = 0;
        int moved = 0;
        for (Recording r : RawTraces.all()) {
            JsonNode raw = r.raw().path("Trace");
            List<InvocationResult> parsed = r.parsed().trace();
            for (int m = 0; m < raw.size(); m++) {
                List<RawFrame> frames = RawTraces.frames(raw.get(m).path("ExecutionTrace"));
                if (raw.get(m).path("ExecutionTrace").path("Msg").isMissingNode()) {
                    continue;
                }
                Set<Integer> moving = MovementModel.movements(ExecutedMessage.of(parsed.get(m))).movements().stream()
                        .filter(mv -> !mv.gas()).map(Movement::frame).collect(Collectors.toSet());
                long rootExit = raw.get(m).path("MsgRct").path("ExitCode").asLong();
                for (RawFrame f : frames) {
                    boolean applied = f.value().signum() != 0 && rootExit == 0 && chainSucceeded(frames, f);
                    assertThat(moving.contains(f.idx())).as("%s message %d frame %d", r, m, f.idx()).isEqualTo(applied);
                    reverted += f.value().signum() != 0 && !applied ? 1 : 0;
                    moved += applied ? 1 : 0;
                }
            }
        }
        assertThat(moved).isGreaterThan(100);
        assertThat(reverted).as("recorded frames whose value move was undone").isPositive();
    }

    @Test
    void rewardMessagesPayMinersFromTheRewardActor() {
        int rewards = 0;
        for (Recording r : RawTraces.all()) {
            for (InvocationResult ir : r.parsed().trace()) {
                if (!ir.isImplicit() || !ir.msg().to().endsWith("02") || ir.msg().method() != 2) {
                    continue;
                }
                MessageMovements mm = MovementModel.movements(ExecutedMessage.of(ir));
                for (Movement mv : mm.movements()) {
                    if (mv.kind() == MovementKind.MINER_REWARD) {
                        rewards++;
                        Movement other = mm.movements().get(mv.related());
                        assertThat(other.related()).isEqualTo(mv.index());
                        assertThat(other.amount()).isEqualTo(mv.amount().negate());
                        assertThat(mv.amount().signum() < 0 ? mv.actorId() : other.actorId()).isEqualTo(2L);
                    }
                }
            }
        }
        assertThat(rewards).isGreaterThan(10);
    }

    @Test
    void degradedMessagesSayWhatIsUnknown() {
        Frame top = new Frame(0, -1, "f0100", 100L, "f0200", 200L, BigInteger.TEN, 0, 0);
        ExecutedMessage m = new ExecutedMessage("bafy-test", false, 3, 0, 1000, BigInteger.ONE, BigInteger.TWO,
                BigInteger.valueOf(5), false, List.of(top));
        MessageMovements mm = MovementModel.movements(m);
        assertThat(mm.complete()).isFalse();
        assertThat(mm.unknown()).contains("sub-call");
        assertThat(mm.movements()).extracting(Movement::amount).containsExactly(BigInteger.TEN.negate(),
                BigInteger.TEN, BigInteger.ONE.negate(), BigInteger.ONE, BigInteger.TWO.negate(), BigInteger.TWO,
                BigInteger.valueOf(-5), BigInteger.valueOf(5));
    }

    private static boolean chainSucceeded(List<RawFrame> frames, RawFrame f) {
        for (int i = f.idx(); i >= 0; i = frames.get(i).parent()) {
            if (frames.get(i).exitCode() != 0) {
                return false;
            }
        }
        return true;
    }

    private static BigInteger sum(List<Movement> list, java.util.function.Predicate<Movement> p) {
        return list.stream().filter(p).map(Movement::amount).reduce(BigInteger.ZERO, BigInteger::add).abs();
    }

    private static BigInteger big(JsonNode n, String field) {
        return new BigInteger(n.path(field).asText("0"));
    }
}
