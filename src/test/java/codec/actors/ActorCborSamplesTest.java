package codec.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.cbor.CborDecodingException;
import codec.cbor.DagCborJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every raw sample under fixtures/lotus/actor-cbor decodes; known methods decode with names. */
class ActorCborSamplesTest {
    private static final MethodTable TABLE = MethodTable.load();

    static List<Fixtures.Sample> samples() {
        return Fixtures.samples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodes(Fixtures.Sample s) {
        byte[] bytes = s.bytes();
        if (bytes.length > 0 && DagCborJson.parseFirst(bytes).length() < bytes.length) {
            // a few recorded payloads repeat their value: strict DAG-CBOR refuses, the call decoder reads the first
            assertThatThrownBy(() -> DagCborJson.toJson(bytes)).isInstanceOf(CborDecodingException.class)
                    .hasMessageContaining("trailing bytes");
        } else {
            assertThat(DagCborJson.toJson(bytes)).isNotNull();
        }
        ActorType type = ActorType.ofManifestName(s.actor()).orElseThrow();
        Optional<Long> number = methodNumber(type, s.method());
        if (number.isEmpty()) {
            return;
        }
        DecodedValue v = s.isParams() ? CallDecoder.standard().params(type, number.get(), bytes)
                : CallDecoder.standard().returnValue(type, number.get(), bytes);
        System.out.println(s + " #" + number.get() + " named=" + v.named() + " " + (v.note() == null ? "" : v.note())
                + " " + abbreviate(v.json().toString()));
        assertThat(v.note() == null ? "" : v.note()).as("note").doesNotStartWith("not DAG-CBOR");
    }

    /** The method number for a fixture folder name (its name, an alias, or "XExported"). */
    static Optional<Long> methodNumber(ActorType type, String folder) {
        return TABLE.methods(type).values().stream()
                .filter(m -> m.name().equals(folder) || m.aliases().contains(folder))
                .map(MethodTable.Method::number).findFirst();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
