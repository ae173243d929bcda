package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import api.ActorDirectory;
import api.AddressReport;
import api.ClickHouseRows;
import codec.address.Address;
import codec.address.Network;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import lotus.TipSet;
import lotus.TipSetKey;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.SyntheticOptions;

/**
 * Item 5 of issue 14: address resolution follows reorgs. A synthetic calibnet chain whose first
 * reorg's branch prints a real sender's address differently (the fork gave that sender's actor ID
 * to another address, A'); the second reorg's branch is the recording again. After indexing the
 * chain, the first fork and then the second: A' exists on no canonical tipset, so neither the API
 * (address_sightings) nor the pipeline's cache may resolve it; A resolves to its recorded ID.
 * Before the fix address_index and the cache kept A' → ID for good. The actor's page (the API's
 * {@code /addresses/f0<ID>} answer) shows the form of the canonical chain: A' while the fork is
 * canonical, A once it is orphaned (before actor_facts it showed max(A, A') in both). Between the
 * second reorg and the re-index of the orphaned heights, indexing the new head must already make
 * the pipeline's cache forget A'.
 */
class ForkedAddressTest {
    private static final long FROM = 1_000;
    private static final int DEPTH = 3;

    @Test
    void anAddressOnlyAnOrphanedForkHadResolvesToNothing() {
        List<Long> recorded = FixtureCounts.recordedHeights("calibnet").stream()
                .filter(h -> FixtureCounts.hasTraces("calibnet", h)).toList();
        long head = FROM + recorded.size() - 1; // every recording once
        long lastRecorded = recorded.get(recorded.size() - 1);
        String[] sender = senderOnlyIn(lastRecorded, recorded);
        String address = sender[0];
        long id = Long.parseLong(sender[1]);
        ReplayConfig config = ReplayConfig.of(FixtureCounts.LOTUS.resolve("calibnet"))
                .withSynthetic(SyntheticOptions.of(FROM, recorded.size()).withForkedAddresses(address));
        try (PipelineFixture f = new PipelineFixture(config, "calibnet", "forked_addresses", Integer.MAX_VALUE)) {
            ActorDirectory directory = new ActorDirectory(new ClickHouseRows(f.clickHouse::client, 30_000),
                    Network.MAINNET);
            List<Long> all = LongStream.rangeClosed(FROM, head).boxed().toList();
            List<Long> forked = LongStream.rangeClosed(head - DEPTH + 1, head).boxed().toList();
            assertThat(f.route.index(all, c -> { })).allMatch(HeightResult::succeeded);
            assertThat(resolveFresh(f, address)).contains(id);

            assertThat(addressPage(f, id).path("robust").asText()).as("the actor's page").isEqualTo(address);

            f.node.reorg(DEPTH); // branch 1: the sender is printed as another address
            assertThat(f.route.index(forked, c -> { })).allMatch(HeightResult::succeeded);
            String other = otherAddress(f, head, address, id);
            assertThat(resolveFresh(f, other)).as("the fork's address while its fork is canonical").contains(id);
            assertThat(f.actorCache.resolve(other, head, headKey(f))).hasValue(id);
            assertThat(addressPage(f, id).path("robust").asText()).as("the actor's page while the fork is canonical")
                    .isEqualTo(other);

            f.node.reorg(DEPTH); // branch 2: the recording again, one height longer
            f.node.advanceHead(1);
            // the new head is indexed before the orphaned heights are: the cache must already forget
            assertThat(f.route.index(List.of(head + 1), c -> { })).allMatch(HeightResult::succeeded);
            assertThat(f.actorCache.resolve(other, head + 1, headKey(f)))
                    .as("the pipeline's cache after the reorg, before the orphaned heights are indexed again").isEmpty();

            assertThat(f.route.index(forked, c -> { })).allMatch(HeightResult::succeeded);
            assertThat(resolveFresh(f, other)).as("an address only an orphaned fork had").isEmpty();
            assertThat(resolveFresh(f, address)).contains(id);
            JsonNode page = addressPage(f, id);
            assertThat(page.path("robust").asText()).as("the actor's page after the fork is orphaned").isEqualTo(address);
            assertThat(page.path("known").asBoolean()).isTrue();
            assertThat(addressPage(f, other).path("known").asBoolean()).as("the orphaned address's page").isFalse();
            assertThat(f.actorCache.resolve(other, head, headKey(f))).as("the pipeline's cache").isEmpty();
            assertThat(f.actorCache.resolve(address, head, headKey(f))).hasValue(id);
        }
    }

    /** Through a directory of its own (the API caches answers for 30 s). */
    private static java.util.Optional<Long> resolveFresh(PipelineFixture f, String address) {
        return new ActorDirectory(new ClickHouseRows(f.clickHouse::client, 30_000), Network.MAINNET)
                .resolveId(Address.parse(address));
    }

    /** The API's answer for {@code /addresses/f0<id>}, through a directory of its own. */
    private static JsonNode addressPage(PipelineFixture f, long id) {
        return addressPage(f, Address.id(id).toString());
    }

    private static JsonNode addressPage(PipelineFixture f, String address) {
        ActorDirectory directory = new ActorDirectory(new ClickHouseRows(f.clickHouse::client, 30_000), Network.MAINNET);
        return new AddressReport(directory::find, Network.MAINNET).verify(address);
    }

    private static TipSetKey headKey(PipelineFixture f) {
        TipSet head = f.lotus.chainHead();
        return head.key();
    }

    /** The address the fork printed for actor {@code id}: the one the index now holds beside the recorded one. */
    private static String otherAddress(PipelineFixture f, long head, String recorded, long id) {
        List<String> seen = f.column("SELECT DISTINCT address FROM address_sightings WHERE actor_id = ? AND height = ?"
                + " AND kind = 'robust' AND address != ?", id, head, recorded);
        assertThat(seen).as("the fork's address of actor %d", id).hasSize(1);
        assertThat(seen.get(0)).startsWith(recorded.substring(0, 2)).hasSameSizeAs(recorded);
        return seen.get(0);
    }

    /**
     * A secp256k1 sender of recording {@code height} (as sent, with its ID in the execution trace)
     * that no other recording prints anywhere: {address, id}.
     */
    private static String[] senderOnlyIn(long height, List<Long> recorded) {
        List<String> others = new ArrayList<>();
        for (long h : recorded) {
            if (h != height) {
                others.add(FixtureCounts.read("calibnet", "traces", h).toString());
            }
        }
        for (JsonNode ir : FixtureCounts.read("calibnet", "traces", height).path("Trace")) {
            String from = ir.path("Msg").path("From").asText();
            String idFrom = ir.path("ExecutionTrace").path("Msg").path("From").asText();
            if (from.startsWith("f1") && idFrom.startsWith("f0") && others.stream().noneMatch(t -> t.contains(from))) {
                return new String[] {from, idFrom.substring(2)};
            }
        }
        throw new IllegalStateException("no sender of calibnet " + height + " is unique to it");
    }
}
