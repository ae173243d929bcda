package codec.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.cid.Cid;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import trace.Call;
import trace.InvocationResult;

class BuiltinActorsTest {
    private static final BuiltinActors ACTORS = BuiltinActors.standard();

    /** Lotus's migrations: nv16 v8, nv17 v9, nv18 v10, nv19 v11, nv21 v12 … nv25 v16, nv27 v17, nv28 v18. */
    @ParameterizedTest(name = "nv{0} -> v{1}")
    @CsvSource({"0,0", "3,0", "4,2", "9,2", "10,3", "12,4", "13,5", "14,6", "15,7", "16,8", "17,9", "18,10", "19,11",
        "20,11", "21,12", "22,13", "23,14", "24,15", "25,16", "26,16", "27,17", "28,18"})
    void actorsVersionForNetworkVersion(int nv, int actors) {
        assertThat(BuiltinActors.actorsVersion(nv)).isEqualTo(actors);
    }

    @Test
    void unknownNetworkVersionIsRefused() {
        assertThatThrownBy(() -> BuiltinActors.actorsVersion(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BuiltinActors.actorsVersion(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Code CIDs recorded in the calibnet traces (Lotus 1.25+ CodeCid / 1.26+ InvokedActor.State.Code)
     * resolve, and the type agrees with what the trace shows: singletons at their fixed IDs, InvokeEVM
     * received by EVM, EthAccount or Placeholder actors only.
     */
    @Test
    void recordedCodeCidsResolveConsistently() {
        Map<String, Integer> seen = new HashMap<>();
        for (var f : Fixtures.traceFiles()) {
            for (InvocationResult r : CreationsTest.read(f).trace()) {
                for (Call c : r.trace().preOrder()) {
                    Cid code = c.codeCid() != null ? c.codeCid()
                            : c.invokedActor() != null ? c.invokedActor().state().code() : null;
                    if (code == null) {
                        continue;
                    }
                    BuiltinActors.CodeInfo info = ACTORS.lookup(code).orElse(null);
                    seen.merge(info == null ? "unknown " + code : info.network() + " v" + info.actorsVersion(), 1, Integer::sum);
                    if (info == null) {
                        continue;
                    }
                    assertThat(info.network()).as(f.toString()).isIn(f.getParent().getFileName().toString(), null);
                    c.toId().stream().mapToObj(ActorType::ofSingletonId).flatMap(java.util.Optional::stream)
                            .forEach(singleton -> assertThat(info.type()).isEqualTo(singleton));
                    if (c.msg().method() == CallDecoder.INVOKE_EVM) {
                        assertThat(info.type()).isIn(ActorType.EVM, ActorType.ETH_ACCOUNT, ActorType.PLACEHOLDER);
                    }
                }
            }
        }
        System.out.println("code CIDs seen in traces: " + seen);
        assertThat(seen.keySet()).anyMatch(k -> k.startsWith("calibnet v"));
        assertThat(seen.keySet()).noneMatch(k -> k.startsWith("unknown"));
    }

    @Test
    void legacyCodeCidsAreIdentityHashesOfTheirNames() {
        Cid v7Miner = Cid.v1(Cid.RAW, Cid.IDENTITY, "fil/7/storageminer".getBytes(StandardCharsets.US_ASCII));
        assertThat(ACTORS.lookup(v7Miner)).contains(new BuiltinActors.CodeInfo(ActorType.MINER, 7, null));
        Cid v0Account = Cid.v1(Cid.RAW, Cid.IDENTITY, "fil/1/account".getBytes(StandardCharsets.US_ASCII));
        assertThat(ACTORS.lookup(v0Account)).contains(new BuiltinActors.CodeInfo(ActorType.ACCOUNT, 0, null));
    }

    @Test
    void codeCidByNetworkAndVersion() {
        assertThat(ACTORS.codeCid("mainnet", 12, ActorType.EVM)).map(Cid::toString)
                .contains("bafk2bzacecmnyfiwb52tkbwmm2dsd7ysi3nvuxl3lmspy7pl26wxj4zj7w4wi");
        assertThat(ACTORS.codeCid("calibnet", 18, ActorType.EAM)).isEqualTo(ACTORS.codeCid("calibnet", 17, ActorType.EAM));
        assertThat(ACTORS.codeCid("mainnet", 8, ActorType.EVM)).isEmpty();
        for (int v = 10; v <= 18; v++) {
            for (String net : new String[] {"mainnet", "calibnet"}) {
                for (ActorType t : ActorType.values()) {
                    Cid cid = ACTORS.codeCid(net, v, t).orElseThrow(() -> new AssertionError("missing " + t));
                    assertThat(ACTORS.lookup(cid).orElseThrow().type()).isEqualTo(t);
                }
            }
        }
    }
}
