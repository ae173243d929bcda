package codec.actors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import trace.Call;
import trace.InvocationResult;

class MethodsTest {
    private static final ActorMethods TABLE = ActorMethods.load();
    private static final CallDecoder DECODER = CallDecoder.standard();

    /**
     * Independent FRC-42 numbers: UniversalReceiverHook's is a literal in go-state-types
     * (builtin/methods.go); the others are method numbers the recorded traces send to actors whose
     * recorded code CID (or singleton ID) identifies the type.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "Receive, 3726118371",
        "InvokeEVM, 3844450837",
        "AuthenticateMessage, 2643134072",
        "Burn, 1434719642",
        "Balance, 3261979605",
        "TransferFrom, 3621052141",
        "IsControllingAddress, 348244887",
        "MarketNotifyDeal, 4186741094",
    })
    void frc42MatchesKnownNumbers(String name, long number) {
        assertThat(Frc42.methodNumber(name)).isEqualTo(number);
    }

    /** Every exported entry of methods.yaml is the FRC-42 number of the name it says it hashes. */
    @Test
    void everyExportedNumberIsItsFrc42Hash() {
        int checked = 0;
        for (ActorType t : ActorType.values()) {
            for (ActorMethods.Method m : TABLE.methods(t).values()) {
                if (m.number() >= 1L << 24) {
                    assertThat(m.hashes()).as(t + " " + m.name()).isNotNull();
                    assertThat(Frc42.methodNumber(m.hashes())).as(t + " " + m.name()).isEqualTo(m.number());
                    checked++;
                } else {
                    assertThat(m.hashes()).as(t + " " + m.name()).isNull();
                }
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    @ParameterizedTest(name = "{0} #{1} = {2}")
    @CsvSource({
        "EAM, 4, CreateExternal",
        "INIT, 3, Exec4",
        "EVM, 3844450837, InvokeContract",
        "MINER, 5, SubmitWindowedPoSt",
        "MINER, 26, ProveCommitAggregate",
        "MARKET, 4, PublishStorageDeals",
        "POWER, 2, CreateMiner",
        "DATACAP, 80475954, TransferExported",
        "MULTISIG, 2, Propose",
        "VERIFIED_REGISTRY, 3726118371, UniversalReceiverHook",
        "ACCOUNT, 0, Send",
    })
    void methodNames(ActorType type, long method, String name) {
        assertThat(DECODER.methodName(type, method)).contains(name);
    }

    @Test
    void unknownMethodsHaveNoName() {
        assertThat(DECODER.methodName(ActorType.MINER, 999)).isEmpty();
        assertThat(DECODER.methodName(null, 5)).isEmpty();
    }

    /** A callback any actor may receive is named, and decoded, even when the callee's type is unknown. */
    @Test
    void universalCallbacksNeedNoActorType() {
        assertThat(DECODER.methodName(null, 4186741094L)).contains("MarketNotifyDeal");
        // [Proposal: bytes 0x01, DealID: 7]
        DecodedValue v = DECODER.params(null, 4186741094L, new byte[] {(byte) 0x82, 0x41, 0x01, 0x07});
        assertThat(v.named()).isTrue();
        assertThat(v.json().path("DealID").asLong()).isEqualTo(7);
    }

    /** Every method number the recorded traces send to an actor of known type has a name. */
    @Test
    void everyTracedMethodOfAKnownActorHasAName() {
        Map<String, Integer> unnamed = new HashMap<>();
        int named = 0;
        for (var f : Fixtures.traceFiles()) {
            for (InvocationResult r : CreationsTest.read(f).trace()) {
                for (Call c : r.trace().preOrder()) {
                    if (DECODER.actorType(c).isEmpty()) {
                        continue;
                    }
                    if (DECODER.methodName(c).isPresent()) {
                        named++;
                    } else {
                        unnamed.merge(DECODER.actorType(c).get() + "#" + c.msg().method(), 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(unnamed).isEmpty();
        assertThat(named).isGreaterThan(1000);
    }
}
