package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import storage.ClickHouseAccess;

/**
 * Balance at a height over an indexed calibnet recording. The expected balance is computed here
 * from the raw trace: the receiver's state recorded at its first call (before the tipset touched
 * it) plus the values of every frame to or from it whose calls all succeeded.
 */
class BalanceEndpointsTest {
    private static final long HEIGHT = 1576593;
    private static ApiServer server;
    private static JsonNode traces;

    @BeforeAll
    static void start() throws Exception {
        ClickHouseAccess clickHouse = IndexedFixtures.index("calibnet", List.of(HEIGHT), "api_balances");
        server = ApiServer.start(Map.of("clickHouse", clickHouse), Map.of());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                RawFixtures.LOTUS.resolve("calibnet").resolve("traces_" + HEIGHT + ".json.gz")))) {
            traces = ApiJson.MAPPER.readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void balanceAfterTheHeightIsTheSnapshotPlusTheRecordedMoves() throws Exception {
        JsonNode invoked = traces.path("Trace").get(0).path("ExecutionTrace").path("InvokedActor");
        long id = invoked.path("Id").asLong();
        BigInteger expected = new BigInteger(invoked.path("State").path("Balance").asText());
        for (JsonNode r : traces.path("Trace")) {
            expected = expected.add(moves(r.path("ExecutionTrace"), id));
        }
        ApiServer.Answer a = server.get("/api/v1/actors/f0" + id + "/balance?height=" + HEIGHT);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode b = ApiJson.MAPPER.readTree(a.body());
        assertThat(b.path("balance").asText()).isEqualTo(expected.toString());
        assertThat(b.path("height").asLong()).isEqualTo(HEIGHT);
        assertThat(b.at("/source/snapshotHeight").asLong()).isEqualTo(HEIGHT);
        assertThat(b.at("/source/complete").asBoolean()).isTrue();

        JsonNode history = ApiJson.MAPPER.readTree(server.get("/api/v1/actors/f0" + id + "/history?from=" + HEIGHT).body());
        assertThat(history.path("items")).hasSize(1);
        assertThat(history.at("/items/0/delta").asText())
                .isEqualTo(expected.subtract(new BigInteger(invoked.path("State").path("Balance").asText())).toString());
        assertThat(history.at("/items/0/messages").size()).isPositive();
        assertThat(history.at("/items/0/balance").asText()).as("the balance after the change").isEqualTo(expected.toString());

        JsonNode report = ApiJson.MAPPER.readTree(server.get("/api/v1/addresses/f0" + id).body());
        assertThat(report.path("balance").asText()).isEqualTo(expected.toString());
    }

    @Test
    void heightsOutsideTheAnswerableRangeAre400sThatSayTheRange() throws Exception {
        long id = traces.path("Trace").get(0).path("ExecutionTrace").path("InvokedActor").path("Id").asLong();
        ApiServer.Answer above = server.get("/api/v1/actors/f0" + id + "/balance?height=" + (HEIGHT + 1));
        assertThat(above.status()).as(above.body()).isEqualTo(400);
        assertThat(above.body()).contains("height_out_of_range").contains("to " + HEIGHT);
        // the only indexed height is where the actor's snapshot was read
        ApiServer.Answer below = server.get("/api/v1/actors/f0" + id + "/balance?height=" + (HEIGHT - 1));
        assertThat(below.status()).as(below.body()).isEqualTo(400);
        assertThat(below.body()).contains("height_out_of_range").contains("answerable heights are " + HEIGHT + " to " + HEIGHT);
    }

    @Test
    void badInputIsA4xxNeverA500() throws Exception {
        assertThat(server.get("/api/v1/actors/f0999999999/balance").status()).isEqualTo(404);
        assertThat(server.get("/api/v1/actors/f1notanaddress/balance").status()).isEqualTo(400);
        assertThat(server.get("/api/v1/actors/f02/balance?height=-5").status()).isEqualTo(400);
        assertThat(server.get("/api/v1/actors/f02/balance?height=abc").status()).isEqualTo(400);
        assertThat(server.get("/api/v1/actors/f02/history?from=9&to=3").status()).isEqualTo(400);
        assertThat(server.get("/api/v1/actors/f02/history?cursor=garbage").status()).isEqualTo(400);
    }

    /** What the frames of one message moved to or from {@code id}, counting only calls that all succeeded. */
    private static BigInteger moves(JsonNode call, long id) {
        if (call.path("MsgRct").path("ExitCode").asLong() != 0) {
            return BigInteger.ZERO;
        }
        BigInteger v = new BigInteger(call.path("Msg").path("Value").asText("0"));
        BigInteger sum = BigInteger.ZERO;
        if (call.path("InvokedActor").path("Id").asLong(-1) == id) {
            sum = sum.add(v);
        }
        if (call.path("Msg").path("From").asText().equals("f0" + id)) {
            sum = sum.subtract(v);
        }
        for (JsonNode s : call.path("Subcalls")) {
            sum = sum.add(moves(s, id));
        }
        return sum;
    }
}
