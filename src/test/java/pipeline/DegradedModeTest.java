package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import archive.FileArchiveStore;
import codec.actors.CallDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.stream.LongStream;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;
import testsupport.SharedEngines;

/**
 * A node without StateCompute: the same heights indexed in degraded mode give the same explicit
 * messages with the same receipts as in full mode, no implicit messages, sub-calls marked unavailable.
 */
class DegradedModeTest {
    private static final List<Long> HEIGHTS = LongStream.rangeClosed(2000, 2011).boxed().toList();

    @Test
    void degradedHeightsKeepMessagesAndReceiptsAndMarkSubcallsUnavailable() throws Exception {
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(FixtureCounts.LOTUS.resolve("calibnet"))
                .withSynthetic(SyntheticOptions.of(1990, 40).withNullEvery(7)));
                RefusingProxy gateway = new RefusingProxy(node.url()).refuseStateComputeAsAGatewayDoes()) {
            ClickHouseAccess full = SharedEngines.clickHouse("pipeline_full");
            ClickHouseAccess degraded = SharedEngines.clickHouse("pipeline_degraded");
            HeightIndexer fullIndexer = indexer(node.url().toString(), full);
            HeightIndexer gatewayIndexer = indexer(gateway.url(), degraded);
            List<HeightResult> fullResults;
            List<HeightResult> degradedResults;
            try (PipelineRoute fullRoute = new PipelineRoute(fullIndexer);
                 PipelineRoute degradedRoute = new PipelineRoute(gatewayIndexer)) {
                fullResults = fullRoute.index(HEIGHTS, c -> { });
                degradedResults = degradedRoute.index(HEIGHTS, c -> { });
            }

            assertThat(gatewayIndexer.mode()).isEqualTo(IndexMode.DEGRADED);
            for (int i = 0; i < HEIGHTS.size(); i++) {
                HeightResult f = fullResults.get(i);
                HeightResult d = degradedResults.get(i);
                assertThat(f.error()).as("full %d", f.height()).isNull();
                assertThat(d.error()).as("degraded %d", d.height()).isNull();
                assertThat(d.nullRound()).isEqualTo(f.nullRound());
                if (f.nullRound()) {
                    continue;
                }
                assertThat(d.mode()).isEqualTo(IndexMode.DEGRADED);
                assertThat(d.counts().messages()).isEqualTo(f.counts().messages());
                assertThat(d.counts().blocks()).isEqualTo(f.counts().blocks());
                assertThat(d.counts().failedMessages()).isEqualTo(f.counts().failedMessages());
                assertThat(d.counts().implicitMessages()).isZero();
                assertThat(d.counts().subcalls()).isZero();
                String receipts = "SELECT concat(cid, '|', toString(exit_code), '|', toString(gas_used), '|', "
                        + "toString(value), '|', toString(subcalls_available)) FROM messages FINAL "
                        + "WHERE height = ? AND implicit = 0 ORDER BY cid";
                assertThat(rows(degraded, receipts, f.height())).isEqualTo(rows(full, receipts, f.height()).stream()
                        .map(r -> r.substring(0, r.length() - 1) + "0").toList());
                // gas outputs derived from message, receipt and base fee = what the node computed
                String gas = "SELECT concat(cid, '|', toString(base_fee_burn), '|', toString(over_estimation_burn), '|', "
                        + "toString(miner_tip), '|', toString(miner_penalty), '|', toString(refund), '|', "
                        + "toString(total_cost)) FROM messages FINAL WHERE height = ? AND implicit = 0 ORDER BY cid";
                assertThat(rows(degraded, gas, f.height())).isEqualTo(rows(full, gas, f.height()));
                assertThat(rows(degraded, "SELECT DISTINCT toString(complete) FROM balance_changes FINAL WHERE height = ?",
                        f.height())).as("degraded balance changes say they miss sub-calls").containsOnly("0");
                assertThat(rows(degraded, "SELECT mode FROM tipsets FINAL WHERE height = ?", f.height()))
                        .containsExactly("degraded");
            }
        }
    }

    private static HeightIndexer indexer(String url, ClickHouseAccess clickHouse) {
        LotusClient lotus = new LotusClient(LotusClientConfig.of(url), new SimpleMeterRegistry());
        HeightExtractor extractor = new HeightExtractor(lotus, new ActorCache(lotus, 1000), CallDecoder.standard(),
                () -> "calibnet", new FileArchiveStore(SharedEngines.newTempDir()));
        return new HeightIndexer(extractor, new ClickHouseRowWriter(clickHouse.client(), 60), 2);
    }

    private static List<String> rows(ClickHouseAccess clickHouse, String sql, long height) throws Exception {
        try (var c = clickHouse.dataSource().getConnection(); var st = c.prepareStatement(sql)) {
            st.setLong(1, height);
            List<String> out = new java.util.ArrayList<>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
