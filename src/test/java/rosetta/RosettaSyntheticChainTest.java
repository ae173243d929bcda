package rosetta;

import static org.assertj.core.api.Assertions.assertThat;

import api.ApiServer;
import api.IndexedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.SyntheticOptions;
import testsupport.Fixtures;

/**
 * The {@link CheckData} port over consecutive heights: the replay node's synthetic chain over the
 * calibnet recordings (every 5th height a null round), indexed by the real pipeline. Blocks must
 * link through null rounds (a block's parent is the last non-null tipset), and every account with a
 * starting balance must reconcile at every block. A second index starts at a null round: its oldest
 * block's parent is not indexed and lies below the null round.
 */
class RosettaSyntheticChainTest {
    private static final long FROM = 3000;
    private static final int LENGTH = 18;
    private static final int NULL_EVERY = 5;
    private static final SyntheticOptions OPTIONS = SyntheticOptions.of(FROM, LENGTH + 5).withNullEvery(NULL_EVERY);

    /**
     * Heights one at a time, in order: an actor's snapshot is then read once, at the first height
     * it is seen. (The synthetic chain replays recordings of different epochs, so snapshots read at
     * two heights would not agree, as they do on a real chain.)
     */
    private static final Map<String, String> IN_ORDER = Map.of("filflow.pipeline.fetch-parallelism", "1");

    private static ApiServer whole;
    private static ApiServer fromNullRound;

    @BeforeAll
    static void indexAndServe() throws Exception {
        ReplayConfig chain = ReplayConfig.of(Fixtures.CALIBNET).withSynthetic(OPTIONS);
        List<Long> heights = LongStream.range(FROM, FROM + LENGTH).boxed().toList();
        whole = ApiServer.start(Map.of("clickHouse", IndexedFixtures.index(chain, heights, "rosetta_synthetic_whole", IN_ORDER)),
                Map.of("rosetta.network", "calibrationnet"));
        long firstNull = firstNullRoundAfter(FROM + 1);
        fromNullRound = ApiServer.start(Map.of("clickHouse", IndexedFixtures.index(chain,
                List.of(firstNull, firstNull + 1, firstNull + 2), "rosetta_synthetic_from_null", IN_ORDER)),
                Map.of("rosetta.network", "calibrationnet"));
    }

    @AfterAll
    static void stop() {
        for (ApiServer s : new ApiServer[] {whole, fromNullRound}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void checkDataReconcilesEveryAccountAcrossNullRounds() throws Exception {
        RosettaClient rosetta = new RosettaClient(whole, "calibrationnet");
        CheckData.Report report = new CheckData(rosetta).run(FROM, FROM + LENGTH - 1);
        long nullRounds = LongStream.range(FROM + 1, FROM + LENGTH).filter(h -> h % NULL_EVERY == 0).count();
        System.out.printf("check:data over synthetic %d..%d: %s%n", FROM, FROM + LENGTH - 1, report);
        assertThat(report.omitted()).isEqualTo(nullRounds);
        assertThat(report.blocks()).isEqualTo(LENGTH - nullRounds);
        assertThat(report.failures()).isEmpty();
        assertThat(report.unknownStart().values()).allMatch(code -> code == RosettaError.ACCOUNT_NOT_FOUND.code()
                || code == RosettaError.BALANCE_UNKNOWN.code());
        assertThat(report.reconciliations()).isGreaterThanOrEqualTo(20);
        assertThat(rosetta.problems()).isEmpty();
    }

    @Test
    void theParentOfTheOldestBlockAfterANullRoundIsTheTipsetBelowIt() throws Exception {
        long nullRound = firstNullRoundAfter(FROM + 1);
        RosettaClient full = new RosettaClient(whole, "calibrationnet");
        RosettaClient partial = new RosettaClient(fromNullRound, "calibrationnet");
        JsonNode below = full.ok("/block", blockRequest(full, nullRound - 1)).at("/block/block_identifier");

        JsonNode status = partial.ok("/network/status", partial.request());
        assertThat(status.at("/oldest_block_identifier/index").asLong()).isEqualTo(nullRound + 1);
        assertThat(status.at("/sync_status/current_index").asLong()).isEqualTo(nullRound + 2);
        JsonNode oldest = partial.ok("/block", blockRequest(partial, nullRound + 1)).path("block");
        assertThat(oldest.path("parent_block_identifier")).as("not height - 1: that is the null round").isEqualTo(below);
        assertThat(full.ok("/block", blockRequest(full, nullRound + 1)).at("/block/parent_block_identifier")).isEqualTo(below);

        // the parent answers balances (rosetta-cli asks there first): the state before the oldest block
        CheckData.Report report = new CheckData(partial).run(nullRound + 1, nullRound + 2);
        assertThat(report.failures()).isEmpty();
        assertThat(report.reconciliations()).as("accounts whose balance at the unindexed parent was answered").isPositive();
        assertThat(full.problems()).isEmpty();
        assertThat(partial.problems()).isEmpty();
    }

    private static long firstNullRoundAfter(long h) {
        long n = h;
        while (n % NULL_EVERY != 0) {
            n++;
        }
        return n;
    }

    private static ObjectNode blockRequest(RosettaClient rosetta, long index) {
        ObjectNode r = rosetta.request();
        r.putObject("block_identifier").put("index", index);
        return r;
    }
}
