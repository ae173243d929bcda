package trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-made edge cases of the byte-level filter, read one byte and one block at a time. */
class GasChargeSummarizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // input | expected output
        "`{\"GasCharges\":[{\"Name\":\"x\",\"tg\":1},[2,[3]]],\"Subcalls\":null}` | `{\"GasCharges\":[],\"Subcalls\":null}`",
        "`{\"GasCharges\" : \n [ {\"Name\":\"a]}[{\"} ] ,\"b\":1}` | `{\"GasCharges\" : \n [] ,\"b\":1}`",
        "`{\"GasCharges\":[\"q\\\"]\",\"\\\\\"],\"b\":2}` | `{\"GasCharges\":[],\"b\":2}`",
        "`{\"GasCharges\":null,\"b\":[1]}` | `{\"GasCharges\":null,\"b\":[1]}`",
        "`{\"Name\":\"GasCharges\",\"b\":[1]}` | `{\"Name\":\"GasCharges\",\"b\":[1]}`",
        "`{\"e\":\"x\\\"GasCharges\\\":[1]\",\"b\":[2]}` | `{\"e\":\"x\\\"GasCharges\\\":[1]\",\"b\":[2]}`",
        "`{\"GasChargesX\":[1],\"GasCharge\":[2]}` | `{\"GasChargesX\":[1],\"GasCharge\":[2]}`",
        "`[{\"GasCharges\":[]},{\"GasCharges\":[[{}]]}]` | `[{\"GasCharges\":[]},{\"GasCharges\":[]}]`"})
    void emptiesOnlyGasChargeArrays(String input, String expected) throws IOException {
        byte[] in = input.getBytes(StandardCharsets.UTF_8);
        assertThat(JSON.readTree(expected)).isNotNull(); // the expectation itself is valid JSON

        assertThat(filtered(new GasChargeSummarizer(new ByteArrayInputStream(in)))).isEqualTo(expected);
        assertThat(filtered(new GasChargeSummarizer(new OneByteAtATime(in)))).isEqualTo(expected);
    }

    private static String filtered(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
