package codec.actors;

import static org.assertj.core.api.Assertions.assertThat;

import codec.address.Address;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoded creations equal fixtures/lotus/creations.json, field by field. */
class CreationsTest {
    private static final JsonNode EXPECTED = Fixtures.json(Fixtures.LOTUS.resolve("creations.json")).path("creations");

    static List<JsonNode> expected() {
        return StreamSupport.stream(EXPECTED.spliterator(), false).toList();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("expected")
    void matchesCreationsJson(JsonNode want) {
        CallFacts call = want.has("height") ? fromTrace(want) : fromSample(want);
        Creation got = Creations.read(call.type, call.method, call.callerId, call.params, call.ret, call.exitCode)
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

    /** The Exec4 inside the recorded mainnet EVM deployment: EVM code (actors v12 at that height), f410 and initcode. */
    @Test
    void exec4CarriesCodeCidAndDelegatedAddress() {
        JsonNode want = expected().stream().filter(c -> c.path("method").asText().equals("Exec4") && c.has("height"))
                .findFirst().orElseThrow();
        CallFacts call = fromTrace(want);
        Creation got = Creations.read(call.type, call.method, call.callerId, call.params, call.ret, call.exitCode).orElseThrow();
        BuiltinActors.CodeInfo code = BuiltinActors.standard().lookup(got.codeCid()).orElseThrow();
        assertThat(code.type()).isEqualTo(ActorType.EVM);
        assertThat(code.actorsVersion()).isEqualTo(BuiltinActors.actorsVersion(21));
        assertThat(code.network()).isEqualTo("mainnet");
        JsonNode eam = expected().stream().filter(c -> c.path("method").asText().equals("CreateExternal") && c.has("height"))
                .findFirst().orElseThrow().path("decoded_return");
        assertThat(got.delegated()).isEqualTo(eam.path("EthAddress_as_f410").asText());
        assertThat(got.eth()).isEqualTo(eam.path("EthAddress").asText());
        // the EVM constructor's initcode is the initcode the EAM was given
        Creation viaEam = Creations.read(ActorType.EAM, 4, -1, traceCall(want, List.of()).params, eamReturn(), 0).orElseThrow();
        assertThat(got.initcode()).isEqualTo(viaEam.initcode());
    }

    /** Walking every call of every recorded trace finds exactly the trace creations listed in creations.json. */
    @Test
    void tracesHoldExactlyTheListedCreations() {
        List<String> found = new ArrayList<>();
        for (Path f : Fixtures.traceFiles()) {
            JsonNode traces = Fixtures.gzipJson(f);
            Fixtures.forEachCall(traces, c -> toFacts(c).flatMap(call -> Creations.read(call.type, call.method,
                    call.callerId, call.params, call.ret, call.exitCode)).ifPresent(cr -> found.add(cr.method() + " "
                    + cr.actorId())));
        }
        List<String> listed = expected().stream().filter(c -> c.has("height")).map(c -> c.path("method").asText() + " "
                + idOf(c.path("decoded_return"))).toList();
        assertThat(found).containsExactlyInAnyOrderElementsOf(listed);
    }

    private static long idOf(JsonNode r) {
        return r.has("ActorID") ? r.path("ActorID").asLong() : Address.parse(r.path("IDAddress").asText()).actorId();
    }

    private static byte[] eamReturn() {
        JsonNode eam = expected().stream().filter(c -> c.path("method").asText().equals("CreateExternal") && c.has("height"))
                .findFirst().orElseThrow();
        return Base64.getDecoder().decode(eam.path("return_b64").asText());
    }

    record CallFacts(ActorType type, long method, long callerId, byte[] params, byte[] ret, long exitCode) {
    }

    private static CallFacts fromSample(JsonNode want) {
        String actorDir = want.path("actor").asText().equals("EAM") ? "eam" : "init";
        Path dir = Fixtures.ACTOR_CBOR.resolve(actorDir).resolve(want.path("method").asText());
        byte[] ret = read(dir.resolve("Return"));
        assertThat(HexFormat.of().formatHex(ret)).isEqualTo(want.path("return_hex").asText());
        byte[] params = Files.exists(dir.resolve("Params")) ? read(dir.resolve("Params")) : null;
        ActorType type = actorDir.equals("eam") ? ActorType.EAM : ActorType.INIT;
        long method = ActorCborSamplesTest.methodNumber(type, want.path("method").asText()).orElseThrow();
        return new CallFacts(type, method, callerId(want.path("from").asText()), params, ret, 0);
    }

    private static CallFacts fromTrace(JsonNode want) {
        List<Integer> path = new ArrayList<>();
        want.path("subcall_path").forEach(i -> path.add(i.asInt()));
        CallFacts call = traceCall(want, path);
        assertThat(call.exitCode).isEqualTo(want.path("exit_code").asLong());
        assertThat(Base64.getEncoder().encodeToString(call.ret)).isEqualTo(want.path("return_b64").asText());
        return call;
    }

    private static CallFacts traceCall(JsonNode want, List<Integer> path) {
        JsonNode traces = Fixtures.gzipJson(Fixtures.LOTUS.resolve(want.path("network").asText())
                .resolve(want.path("source_file").asText()));
        for (JsonNode r : traces.path("Trace")) {
            if (r.path("MsgCid").path("/").asText().equals(want.path("msg_cid").asText())) {
                JsonNode call = r.path("ExecutionTrace");
                for (int i : path) {
                    call = call.path("Subcalls").get(i);
                }
                return toFacts(call).orElseThrow();
            }
        }
        throw new AssertionError("message " + want.path("msg_cid") + " not in " + want.path("source_file"));
    }

    /** The callee type from its singleton ID (f01 Init, f010 EAM); other callees are not creators. */
    private static Optional<CallFacts> toFacts(JsonNode call) {
        JsonNode msg = call.path("Msg");
        Address to = Address.parse(msg.path("To").asText());
        if (to.protocol() != Address.ID) {
            return Optional.empty();
        }
        return ActorType.ofSingletonId(to.actorId()).map(type -> new CallFacts(type, msg.path("Method").asLong(),
                callerId(msg.path("From").asText()), b64(msg.path("Params")), b64(call.path("MsgRct").path("Return")),
                call.path("MsgRct").path("ExitCode").asLong()));
    }

    private static long callerId(String from) {
        Address a = Address.parse(from);
        return a.protocol() == Address.ID ? a.actorId() : -1;
    }

    private static byte[] b64(JsonNode n) {
        return n.isTextual() ? Base64.getDecoder().decode(n.asText()) : null;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
