package contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the parser accepts and why it rejects, on payloads built from the recorded traces. */
class CreationParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MSG_38895 = "bafy2bzacedoibf7cwfqql7byp4c73iogyeurq7bstbr3lhp4j7bvcn422pusw";

    @Test
    void aRecordedInitExecIsACreation() throws Exception {
        ParsedCreation c = CreationParser.parse(bytes(good()));
        assertThat(c.creation().actorId()).isEqualTo(1816);
        assertThat(c.creation().robust()).isEqualTo("f23pa4gt4jgkl55drdyzb7dscjzdfh725u45xzwsy");
        assertThat(c.deployerId()).isEqualTo(1172);
        assertThat(c.isEamsInitCall()).isFalse();
    }

    @Test
    void rejectsWithTheReason() throws Exception {
        assertRejected(good().put("exitCode", 33), "exitCode 33: only successful creations are contracts");
        assertRejected(good().put("from", "f1xgkrb5552wqrqemug5g7krikpgidjhdrnxmen5a"),
                "from must be an ID address, is f1xgkrb5552wqrqemug5g7krikpgidjhdrnxmen5a");
        assertRejected(good().put("method", "Exec4"), "method Exec4 but method number 2 is Exec");
        assertRejected(good().put("actorId", 99), "actorId 99 differs from the return's 1816");
        assertRejected(good().put("return", "%%%"), "return is not base64");
        assertRejected(good().put("messageCid", "nope"), "messageCid is not a CID: nope");
        assertRejected((ObjectNode) good().without("return"), "return is missing");
        assertRejected(good().put("methodNumber", 3), "Init method 3 with this return is not a creation");
    }

    private static ObjectNode good() throws Exception {
        return (ObjectNode) JSON.readTree(RawFixtures.topLevelPayload("calibnet", 38895, MSG_38895, "Init", "Exec"));
    }

    private static void assertRejected(ObjectNode payload, String reason) {
        assertThatThrownBy(() -> CreationParser.parse(bytes(payload)))
                .isInstanceOf(MalformedCreationException.class).hasMessageStartingWith(reason);
    }

    private static byte[] bytes(ObjectNode payload) throws Exception {
        return JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
    }
}
