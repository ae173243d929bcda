package codec.actors;

import static org.assertj.core.api.Assertions.assertThat;

import codec.address.Address;
import codec.cbor.DagCborJson;
import codec.cid.Cid;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Params and Return of every call in every recorded trace decode, generically and by name. */
class TraceParamsTest {
    private static final CallDecoder DECODER = CallDecoder.standard();

    static List<Path> traceFiles() {
        return Fixtures.traceFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traceFiles")
    void everyParamsAndReturnDecodes(Path file) {
        List<String> failures = new ArrayList<>();
        int[] counts = new int[3];
        Fixtures.forEachCall(Fixtures.gzipJson(file), call -> {
            JsonNode msg = call.path("Msg");
            ActorType type = calleeType(call).orElse(null);
            long method = msg.path("Method").asLong();
            for (boolean isParams : new boolean[] {true, false}) {
                JsonNode b64 = isParams ? msg.path("Params") : call.path("MsgRct").path("Return");
                if (!b64.isTextual() || b64.asText().isEmpty()) {
                    continue;
                }
                byte[] bytes = Base64.getDecoder().decode(b64.asText());
                JsonNode codecNode = isParams ? msg.path("ParamsCodec") : call.path("MsgRct").path("ReturnCodec");
                // traces before Lotus 1.23 carry no codec: the decoder must work it out
                long codec = codecNode.isNumber() ? codecNode.asLong() : CallDecoder.CODEC_CBOR;
                counts[0]++;
                if (codecNode.isNumber() && codec != CallDecoder.CODEC_RAW) {
                    DagCborJson.toJson(bytes);
                }
                DecodedValue v = isParams ? DECODER.params(type, method, bytes, codec)
                        : DECODER.returnValue(type, method, bytes, codec);
                if (v.named()) {
                    counts[1]++;
                } else if (type != null && DECODER.methodName(type, method).flatMap(n -> hasSchema(type, n)).orElse(false)) {
                    failures.add(type + "#" + method + (isParams ? " params: " : " return: ") + v.note());
                }
                counts[2] += v.note() != null && v.note().startsWith("not DAG-CBOR") ? 1 : 0;
            }
        });
        System.out.printf("%s: %d values, %d named%n", file.getFileName(), counts[0], counts[1]);
        assertThat(counts[2]).as("undecodable values").isZero();
        assertThat(failures).as("values of methods with a schema that did not decode by name").isEmpty();
    }

    private static Optional<Boolean> hasSchema(ActorType type, String name) {
        return Optional.of(MethodTableAccess.TABLE.schema(type, name).isPresent());
    }

    /** From the trace's code CID (Lotus 1.25+ CodeCid, 1.26+ InvokedActor.State.Code), else the singleton ID. */
    static Optional<ActorType> calleeType(JsonNode call) {
        JsonNode code = call.has("CodeCid") ? call.path("CodeCid") : call.path("InvokedActor").path("State").path("Code");
        if (code.path("/").isTextual()) {
            Optional<ActorType> t = DECODER.actorType(Cid.parse(code.path("/").asText()));
            if (t.isPresent()) {
                return t;
            }
        }
        Address to = Address.parse(call.path("Msg").path("To").asText());
        return to.protocol() == Address.ID ? ActorType.ofSingletonId(to.actorId()) : Optional.empty();
    }

    /** The loaded tables, shared by tests of this package. */
    static final class MethodTableAccess {
        static final MethodTable TABLE = MethodTable.load();

        private MethodTableAccess() {
        }
    }
}
