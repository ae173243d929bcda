package codec.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import trace.Call;
import trace.InvocationResult;

/** Named decodings agree with facts recorded elsewhere in the fixtures. */
class RecordedFactsTest {
    private static final CallDecoder DECODER = CallDecoder.standard();

    /**
     * The implicit reward messages of a tipset pay exactly its blocks' miners, each with the
     * WinCount its block header's ElectionProof records.
     */
    @Test
    void blockRewardsNameTheTipsetsMinersAndWinCounts() {
        int tipsets = 0;
        for (Path traces : Fixtures.traceFiles()) {
            Path tipsetFile = traces.resolveSibling(traces.getFileName().toString().replace("traces_", "tipset_"));
            if (!Files.exists(tipsetFile)) {
                continue;
            }
            List<String> fromBlocks = new ArrayList<>();
            for (JsonNode b : gzipJson(tipsetFile).path("Blocks")) {
                fromBlocks.add(b.path("Miner").asText() + " wins " + b.path("ElectionProof").path("WinCount").asLong());
            }
            List<String> fromRewards = new ArrayList<>();
            for (InvocationResult r : CreationsTest.read(traces).trace()) {
                Call c = r.trace();
                if (r.isImplicit() && c.msg().to().equals("f02") && c.msg().method() == 2) {
                    DecodedValue v = DECODER.params(c);
                    assertThat(v.named()).isTrue();
                    fromRewards.add(v.json().path("Miner").asText() + " wins " + v.json().path("WinCount").asLong());
                }
            }
            assertThat(fromRewards).as(traces.toString()).containsExactlyInAnyOrderElementsOf(fromBlocks);
            tipsets++;
        }
        assertThat(tipsets).isGreaterThan(10);
    }

    /**
     * PublishStorageDeals returns the new deal IDs and, as an RLE+ bitfield, which proposals were
     * valid: one ID per set bit, and every proposal's client signature was present.
     */
    @Test
    void publishedDealIdsMatchTheValidDealsBitfield() {
        int checked = 0;
        for (Path traces : Fixtures.traceFiles()) {
            for (InvocationResult r : CreationsTest.read(traces).trace()) {
                for (Call c : r.trace().preOrder()) {
                    if (!c.msg().to().equals("f05") || c.msg().method() != 4 || c.receipt().exitCode() != 0) {
                        continue;
                    }
                    JsonNode params = DECODER.params(c).json();
                    JsonNode ret = DECODER.returnValue(c).json();
                    assertThat(ret.path("ValidDeals").size()).isEqualTo(ret.path("IDs").size());
                    ret.path("ValidDeals").forEach(i -> assertThat(i.asInt()).isLessThan(params.path("Deals").size()));
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }

    private static JsonNode gzipJson(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return Fixtures.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
