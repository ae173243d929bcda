package codec.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.cid.Cid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import testsupport.Fixtures;

class DagCborJsonTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Hand-encoded values (RFC 8949 appendix A examples and Filecoin shapes) and their DAG-JSON. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "00|0",
        "1864|100",
        "1bffffffffffffffff|\"18446744073709551615\"",
        "1b7fffffffffffffff|9223372036854775807",
        "3bffffffffffffffff|\"-18446744073709551616\"",
        "3b7fffffffffffffff|-9223372036854775808",
        "20|-1",
        "4401020304|{\"/\":{\"bytes\":\"AQIDBA\"}}",
        "40|{\"/\":{\"bytes\":\"\"}}",
        "6449455446|\"IETF\"",
        "83010203|[1,2,3]",
        "a26161016162820203|{\"a\":1,\"b\":[2,3]}",
        "f5|true",
        "f6|null",
        "fb3ff199999999999a|1.1",
        "f93c00|1.0",
    })
    void rendersDagJson(String hex, String json) {
        assertThat(DagCborJson.render(HEX.parseHex(hex))).isEqualTo(json);
    }

    @Test
    void rendersTag42AsCidLink() {
        Cid cid = Cid.parse("bafk2bzaced4sozr7m6rzcgpobzeiupghthfw6afumysu3oz6bxxirv74uo3vw");
        byte[] payload = concat(new byte[] {0}, cid.toBytes());
        byte[] cbor = concat(new byte[] {(byte) 0xd8, 0x2a, 0x58, (byte) payload.length}, payload);
        assertThat(DagCborJson.render(cbor)).isEqualTo("{\"/\":\"" + cid + "\"}");
        assertThat(DagCborJson.cid(payload)).isEqualTo(cid);
    }

    @Test
    void emptyInputIsNull() {
        assertThat(DagCborJson.toJson(new byte[0]).isNull()).isTrue();
        assertThat(DagCborJson.toJson((byte[]) null).isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "1a0001|unexpected end of input",
        "45010203|declared length 5 exceeds",
        "9f01ff|indefinite-length",
        "a1016161|map keys must be strings",
        "a2616101616102|duplicate map key 'a'",
        "c11a514b67b0|tag 1 is not allowed",
        "d82a4401020304|must start with the 0x00 multibase prefix",
        "d82a01|tag 42 must wrap a byte string",
        "0000|1 trailing bytes",
        "62c328|not valid UTF-8",
        "1c|reserved additional information 28",
        "9bffffffffffffffff|declared length 18446744073709551615 exceeds",
    })
    void malformedInputFailsWithAClearMessage(String hex, String message) {
        assertThatThrownBy(() -> DagCborJson.toJson(HEX.parseHex(hex)))
                .isExactlyInstanceOf(CborDecodingException.class)
                .hasMessageContaining(message);
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        byte[] deep = new byte[100_000];
        java.util.Arrays.fill(deep, (byte) 0x81);
        assertThatThrownBy(() -> DagCborJson.toJson(deep)).isExactlyInstanceOf(CborDecodingException.class)
                .hasMessageContaining("nesting deeper than");
    }

    /** Every truncation of every recorded sample fails only with CborDecodingException. */
    @Test
    void truncatedSamplesFailCleanly() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Fixtures.ACTOR_CBOR)) {
            files = s.filter(p -> p.getFileName().toString().equals("Params") || p.getFileName().toString().equals("Return"))
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(150);
        int checked = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            int step = Math.max(1, b.length / 64);
            for (int n = 1; n < b.length; n += step) {
                byte[] cut = java.util.Arrays.copyOf(b, n);
                try {
                    DagCborJson.toJson(cut);
                } catch (CborDecodingException expected) {
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
