package codec.actors;

import static org.assertj.core.api.Assertions.assertThat;

import codec.cbor.DagCborJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import trace.Call;
import trace.InvocationResult;

/** The Params and Return of every call in every recorded trace decode, generically and by name. */
class TraceParamsTest {
    private static final CallDecoder DECODER = CallDecoder.standard();
    private static final ActorMethods TABLE = ActorMethods.load();

    static List<Path> traceFiles() {
        return Fixtures.traceFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traceFiles")
    void everyParamsAndReturnDecodes(Path file) {
        List<String> failures = new ArrayList<>();
        int values = 0;
        int named = 0;
        for (InvocationResult r : CreationsTest.read(file).trace()) {
            for (Call call : r.trace().preOrder()) {
                ActorType type = DECODER.actorType(call).orElse(null);
                for (boolean isParams : new boolean[] {true, false}) {
                    byte[] bytes = isParams ? call.msg().params() : call.receipt().returnValue();
                    if (bytes == null || bytes.length == 0) {
                        continue;
                    }
                    values++;
                    int codec = isParams ? call.paramsCodec() : call.returnCodec();
                    if (codec == CallDecoder.CODEC_CBOR || codec == CallDecoder.CODEC_DAG_CBOR) {
                        DagCborJson.toJson(bytes); // recorded as CBOR: must be strict DAG-CBOR
                    }
                    DecodedValue v = isParams ? DECODER.params(call) : DECODER.returnValue(call);
                    String where = type + "#" + call.msg().method() + (isParams ? " params: " : " return: ") + v.note();
                    if (v.named()) {
                        named++;
                    } else if (v.note() != null && v.note().startsWith("not DAG-CBOR")) {
                        failures.add("undecodable " + where);
                    } else if (hasSchema(type, call.msg().method(), isParams)) {
                        failures.add("schema did not apply " + where);
                    }
                }
            }
        }
        System.out.printf("%s: %d values, %d named%n", file.getFileName(), values, named);
        assertThat(failures).isEmpty();
    }

    private static boolean hasSchema(ActorType type, long method, boolean isParams) {
        return type != null && DECODER.methodName(type, method).flatMap(n -> TABLE.schema(type, n))
                .map(s -> !(isParams ? s.params() : s.returns()).isEmpty()).orElse(false);
    }
}
