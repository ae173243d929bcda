package trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Edge cases of the byte-level filter, hand-made and random, read one byte, some bytes and one block at a time. */
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
        assertThat(filtered(new GasChargeSummarizer(Pieces.oneByteAtATime(in)))).isEqualTo(expected);
    }

    /**
     * Random documents with long gas-charge arrays whose strings hold quotes, backslashes,
     * brackets and braces at every offset, read whole and in random pieces: the result is the
     * input with those arrays emptied, as Jackson's own tree of the input says.
     */
    @Test
    void randomDocumentsAtEveryAlignment() throws IOException {
        Random random = new Random(15);
        for (int doc = 0; doc < 300; doc++) {
            String input = document(random);
            byte[] in = input.getBytes(StandardCharsets.UTF_8);
            JsonNode expected = withoutGasCharges(JSON.readTree(in));

            assertThat(JSON.readTree(filtered(new GasChargeSummarizer(new ByteArrayInputStream(in)))))
                    .as(input).isEqualTo(expected);
            assertThat(JSON.readTree(filtered(new GasChargeSummarizer(Pieces.random(in, random)))))
                    .as(input).isEqualTo(expected);
        }
    }

    private static String document(Random random) {
        StringBuilder json = new StringBuilder("[");
        for (int m = 0, n = 1 + random.nextInt(4); m < n; m++) {
            json.append(m == 0 ? "" : ",").append("{\"Msg\":").append(text(random))
                    .append(",\"GasCharges\"").append(random.nextBoolean() ? ":" : " :\n ").append(value(random, 0))
                    .append(",\"Subcalls\":[{\"GasCharges\":").append(value(random, 0)).append("}]}");
        }
        return json.append("]").toString();
    }

    private static String value(Random random, int depth) {
        int kind = depth > 2 ? random.nextInt(3) : random.nextInt(6);
        return switch (kind) {
            case 0 -> text(random);
            case 1 -> Integer.toString(random.nextInt(1_000_000));
            case 2 -> "null";
            case 3, 4 -> {
                StringBuilder a = new StringBuilder("[");
                for (int i = 0, n = random.nextInt(12); i < n; i++) {
                    a.append(i == 0 ? "" : ",").append(value(random, depth + 1));
                }
                yield a.append("]").toString();
            }
            default -> {
                StringBuilder o = new StringBuilder("{");
                for (int i = 0, n = random.nextInt(6); i < n; i++) {
                    o.append(i == 0 ? "" : ",").append(text(random)).append(':').append(value(random, depth + 1));
                }
                yield o.append("}").toString();
            }
        };
    }

    /** A JSON string of tricky characters, escaped as JSON requires. */
    private static String text(Random random) {
        String alphabet = "ab\"\\[]{},: GasCharges";
        StringBuilder raw = new StringBuilder();
        for (int i = 0, n = random.nextInt(20); i < n; i++) {
            raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return JSON.valueToTree(raw.toString()).toString();
    }

    private static JsonNode withoutGasCharges(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(),
                    f.getKey().equals("GasCharges") && f.getValue().isArray()
                            ? JSON.createArrayNode() : withoutGasCharges(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(e -> copy.add(withoutGasCharges(e)));
            return copy;
        }
        return node;
    }

    private static String filtered(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
