package trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A malformed answer is an IOException (JsonProcessingException) that says where, never a silent default. */
class TraceReaderErrorsTest {
    private static final String MSG = "\"Msg\":{\"To\":\"f01\",\"From\":\"f00\",\"Value\":\"0\",\"Method\":2}";
    private static final String RCT = "\"MsgRct\":{\"ExitCode\":0,\"Return\":null}";

    private final TraceReader reader = new TraceReader();

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"Root\":{\"/\":\"bafynotacid\"},\"Trace\":[]}` | invalid CID",
        "`{\"Root\":null,\"Trace\":[{" + RCT + "}]}` | without Msg or MsgRct",
        "`{\"Root\":null,\"Trace\":[{" + MSG + "," + RCT + ",\"ExecutionTrace\":{" + RCT + "}}]}` | without Msg or MsgRct",
        "`{\"Root\":null,\"Trace\":[{\"Msg\":{\"Value\":\"12x\"}," + RCT + "}]}` | not a decimal integer",
        "`{\"Root\":null,\"Trace\":[{\"Msg\":{\"Nonce\":\"99999999999999999999\"}," + RCT + "}]}` | out of 64-bit range",
        "`[]` | expected START_OBJECT"})
    void malformedAnswersFailWithAReason(String json, String reason) {
        assertThatThrownBy(() -> reader.readComputeResult(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining(reason);
    }

    @Test
    void aTruncatedAnswerFails() throws IOException {
        byte[] whole = TraceFixtures.bytes(TraceFixtures.file("calibnet", 1576593));
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> reader.readComputeResult(new ByteArrayInputStream(cut)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownFieldsOfNewerLotusVersionsAreSkipped() throws IOException {
        String json = "{\"Root\":null,\"Future\":[1,{\"a\":2}],\"Trace\":[{\"New\":{\"x\":[]}," + MSG + "," + RCT
                + ",\"ExecutionTrace\":{" + MSG + "," + RCT + ",\"Extra\":7,\"Subcalls\":[]}}]}";

        ComputeResult r = reader.readComputeResult(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(r.root()).isNull();
        assertThat(r.trace()).singleElement().satisfies(m -> {
            assertThat(m.isImplicit()).isTrue();
            assertThat(m.trace().msg().to()).isEqualTo("f01");
            assertThat(m.subcallCount()).isZero();
            assertThat(m.gasCost()).isNull();
        });
    }
}
