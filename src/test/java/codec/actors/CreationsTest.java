package codec.actors;

import static org.assertj.core.api.Assertions.assertThat;

import codec.address.Address;
import codec.address.Network;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import trace.Call;
import trace.ComputeResult;
import trace.InvocationResult;
import trace.TraceReader;

/** Decoded creations equal fixtures/lotus/creations.json, field by field. */
class CreationsTest {
    private static final JsonNode EXPECTED = Fixtures.json(Fixtures.LOTUS.resolve("creations.json")).path("creations");

    static List<JsonNode> expected() {
        return StreamSupport.stream(EXPECTED.spliterator(), false).toList();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("expected")
    void matchesCreationsJson(JsonNode want) {
        Creation got = (want.has("height") ? fromTrace(want) : fromSample(want))
                .orElseThrow(() -> new AssertionError("not recognised as a creation: " + want));
        assertThat(got.method()).isEqualTo(want.path("method").asText());
        JsonNode r = want.path("decoded_return");
        if (want.path("actor").asText().equals("EAM")) {
            assertThat(got.actorId()).isEqualTo(r.path("ActorID").asLong());
            assertThat(got.robust()).isEqualTo(r.path("RobustAddress").asText());
            assertThat(got.eth()).isEqualTo(r.path("EthAddress").asText());
            assertThat(got.delegated()).isEqualTo(r.path("EthAddress_as_f410").asText());
            assertThat(got.initcode()).isNotEmpty();
        } else {
            assertThat(Address.id(got.actorId()).toString()).isEqualTo(r.path("IDAddress").asText());
            assertThat(got.robust()).isEqualTo(r.path("RobustAddress").asText());
        }
    }

    /**
     * The recorded mainnet EVM deployment: the EAM call and its Init Exec4 sub-call name the same
     * actor, with the EVM code of actors v12 (mainnet ran network version 21 at that height).
     */
    @Test
    void evmDeploymentCarriesCodeCidInitcodeAndDelegatedAddress() {
        JsonNode eamWant = find("CreateExternal");
        Call eamCall = traceCall(eamWant);
        Creation eam = Creations.read(eamCall).orElseThrow();
        Creation exec4 = Creations.read(eamCall.subcalls().get(0)).orElseThrow();
        assertThat(exec4.method()).isEqualTo("Exec4");
        BuiltinActors.CodeInfo code = BuiltinActors.standard().lookup(exec4.codeCid()).orElseThrow();
        assertThat(code.type()).isEqualTo(ActorType.EVM);
        assertThat(code.actorsVersion()).isEqualTo(BuiltinActors.actorsVersion(21));
        assertThat(code.network()).isEqualTo("mainnet");
        assertThat(eam.codeCid()).isEqualTo(exec4.codeCid());
        assertThat(exec4.delegated()).isEqualTo(eam.delegated());
        assertThat(exec4.eth()).isEqualTo(eam.eth());
        // the EVM constructor's initcode is the initcode the EAM was given
        assertThat(exec4.initcode()).isEqualTo(eam.initcode());
    }

    @Test
    void calibnetPrefixIsConfigurable() {
        JsonNode want = expected().stream().filter(c -> c.path("network").asText().equals("calibnet")).findFirst()
                .orElseThrow();
        Creation got = Creations.read(traceCall(want), Network.TESTNET).orElseThrow();
        assertThat(got.robust()).isEqualTo("t" + want.path("decoded_return").path("RobustAddress").asText().substring(1));
    }

    /** Every call of every recorded trace, through the trace reader: exactly the listed trace creations. */
    @Test
    void tracesHoldExactlyTheListedCreations() {
        List<String> found = new ArrayList<>();
        for (Path f : Fixtures.traceFiles()) {
            for (InvocationResult r : read(f).trace()) {
                Creations.all(r.trace(), Network.MAINNET).forEach(c -> found.add(c.method() + " " + c.actorId()));
            }
        }
        List<String> listed = expected().stream().filter(c -> c.has("height"))
                .map(c -> c.path("method").asText() + " " + idOf(c.path("decoded_return"))).toList();
        assertThat(found).containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void failedCallsAreNotCreations() {
        byte[] ret = Base64.getDecoder().decode(find("CreateExternal").path("return_b64").asText());
        assertThat(Creations.read(ActorType.EAM, 4, -1, null, ret, 0)).isPresent();
        assertThat(Creations.read(ActorType.EAM, 4, -1, null, ret, 33)).isEmpty();
        assertThat(Creations.read(ActorType.EAM, 4, -1, null, new byte[] {(byte) 0x83, 1}, 0)).isEmpty();
        assertThat(Creations.read(ActorType.MINER, 4, -1, null, ret, 0)).isEmpty();
    }

    private static JsonNode find(String method) {
        return expected().stream().filter(c -> c.path("method").asText().equals(method) && c.has("height"))
                .findFirst().orElseThrow();
    }

    private static long idOf(JsonNode r) {
        return r.has("ActorID") ? r.path("ActorID").asLong() : Address.parse(r.path("IDAddress").asText()).actorId();
    }

    private static java.util.Optional<Creation> fromSample(JsonNode want) {
        String actorDir = want.path("actor").asText().equals("EAM") ? "eam" : "init";
        Path dir = Fixtures.ACTOR_CBOR.resolve(actorDir).resolve(want.path("method").asText());
        byte[] ret = bytes(dir.resolve("Return"));
        assertThat(HexFormat.of().formatHex(ret)).isEqualTo(want.path("return_hex").asText());
        byte[] params = Files.exists(dir.resolve("Params")) ? bytes(dir.resolve("Params")) : null;
        ActorType type = actorDir.equals("eam") ? ActorType.EAM : ActorType.INIT;
        long method = ActorCborSamplesTest.methodNumber(type, want.path("method").asText()).orElseThrow();
        return Creations.read(type, method, Call.idOf(want.path("from").asText()).orElse(-1), params, ret, 0);
    }

    private static java.util.Optional<Creation> fromTrace(JsonNode want) {
        Call call = traceCall(want);
        assertThat(call.receipt().exitCode()).isEqualTo(want.path("exit_code").asLong());
        assertThat(Base64.getEncoder().encodeToString(call.receipt().returnValue())).isEqualTo(want.path("return_b64").asText());
        assertThat(call.msg().from()).isEqualTo(want.path("from").asText());
        assertThat(call.msg().to()).isEqualTo(want.path("to").asText());
        return Creations.read(call);
    }

    /** The call at {@code subcall_path} under message {@code msg_cid}, read by the project's trace reader. */
    private static Call traceCall(JsonNode want) {
        ComputeResult result = read(Fixtures.LOTUS.resolve(want.path("network").asText()).resolve(want.path("source_file").asText()));
        for (InvocationResult r : result.trace()) {
            if (r.msgCid().toString().equals(want.path("msg_cid").asText())) {
                Call call = r.trace();
                for (JsonNode i : want.path("subcall_path")) {
                    call = call.subcalls().get(i.asInt());
                }
                return call;
            }
        }
        throw new AssertionError("message " + want.path("msg_cid") + " not in " + want.path("source_file"));
    }

    static ComputeResult read(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new TraceReader().readComputeResult(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
