package history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import history.RawTraces.Recording;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import trace.GasCost;

/** Degraded mode's derived gas outputs equal what the node computed, for every recorded message. */
class GasOutputsTest {

    @Test
    void derivedGasOutputsEqualTheRecordedOnes() {
        int explicit = 0;
        for (Recording r : RawTraces.all()) {
            BigInteger baseFee = r.baseFee();
            for (JsonNode result : r.raw().path("Trace")) {
                JsonNode msg = result.path("Msg");
                if (msg.path("From").asText().endsWith("00") && msg.path("From").asText().length() == 3) {
                    continue; // implicit: no gas
                }
                JsonNode rct = result.path("MsgRct");
                GasCost g = GasOutputs.of(rct.path("GasUsed").asLong(), msg.path("GasLimit").asLong(),
                        rct.path("ExitCode").asLong(), baseFee, big(msg, "GasFeeCap"), big(msg, "GasPremium"));
                JsonNode cost = result.path("GasCost");
                String what = r + " " + result.path("MsgCid").path("/").asText();
                assertThat(g.baseFeeBurn()).as(what).isEqualTo(big(cost, "BaseFeeBurn"));
                assertThat(g.overEstimationBurn()).as(what).isEqualTo(big(cost, "OverEstimationBurn"));
                assertThat(g.minerTip()).as(what).isEqualTo(big(cost, "MinerTip"));
                assertThat(g.minerPenalty()).as(what).isEqualTo(big(cost, "MinerPenalty"));
                assertThat(g.refund()).as(what).isEqualTo(big(cost, "Refund"));
                assertThat(g.totalCost()).as(what).isEqualTo(big(cost, "TotalCost"));
                explicit++;
            }
        }
        assertThat(explicit).isGreaterThan(400);
    }

    /** The over-estimation table of the FVM's own tests (ref-fvm gas/outputs.rs). */
    @Test
    void overEstimationBurnFollowsTheNetworkTable() {
        long[][] cases = {{100, 200, 90}, {100, 150, 20}, {1_000, 1_300, 60}, {500, 700, 60}, {200, 200, 0},
            {20_000, 21_000, 0}, {0, 2_000, 2_000}, {500, 651, 30}, {500, 5_000, 4_500},
            {7_499_000_000L, 7_500_000_000L, 0}, {7_500_000_000L / 2, 7_500_000_000L, 3_375_000_000L},
            {1, 7_500_000_000L, 7_499_999_999L}};
        for (long[] c : cases) {
            assertThat(GasOutputs.gasBurned(c[0], c[1])).as("used %d limit %d", c[0], c[1])
                    .isEqualTo(BigInteger.valueOf(c[2]));
        }
    }

    private static BigInteger big(JsonNode n, String field) {
        return new BigInteger(n.path(field).asText("0"));
    }
}
