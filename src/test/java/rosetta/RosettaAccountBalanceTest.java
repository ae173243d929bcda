package rosetta;

import static org.assertj.core.api.Assertions.assertThat;

import api.ApiJson;
import api.ApiServer;
import api.RawFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /account/balance} over the calibnet recordings whose traces carry the invoked actors' state
 * (Lotus 1.26+), indexed by the real pipeline; each recorded height is its own one-block run, so the
 * parent of every block is not indexed. Expected balances come from the raw traces: an actor's first
 * recorded state in a tipset is its state before the tipset ran, i.e. its balance at the parent
 * block. The {@link CheckData} port then reconciles every block: balance at the parent + the block's
 * operations = balance at the block.
 */
class RosettaAccountBalanceTest {
    static final List<Long> HEIGHTS = List.of(1162295L, 1256171L, 1352134L, 1419335L, 1467665L, 1552242L, 1576593L, 1698055L);

    @RegisterExtension
    static final RecordedRosetta API = new RecordedRosetta("calibnet", HEIGHTS, "rosetta_balances_calibnet", "calibrationnet");
    private static ApiServer server;
    private static RosettaClient rosetta;
    /** actor ID → heights of HEIGHTS whose raw recording names it anywhere (calls, miners) */
    private static final Map<Long, Set<Long>> APPEARS = new LinkedHashMap<>();

    @BeforeAll
    static void readRecordings() {
        server = API.server();
        rosetta = API.client();
        for (long h : HEIGHTS) {
            RawFixtures raw = new RawFixtures("calibnet", h);
            raw.tipset.path("Blocks").forEach(b -> appears(b.path("Miner").asText(), h));
            for (JsonNode t : raw.traces) {
                appearances(t.path("ExecutionTrace"), h);
            }
        }
    }

    @Test
    void theBalanceAtTheParentBlockIsTheRecordedStateBeforeTheTipset() throws Exception {
        int proven = 0;
        int unproven = 0;
        for (long h : HEIGHTS) {
            RawFixtures raw = new RawFixtures("calibnet", h);
            JsonNode block = rosetta.ok("/block", blockRequest(h)).path("block");
            JsonNode parent = block.path("parent_block_identifier");
            List<String> parents = new ArrayList<>();
            raw.tipset.at("/Blocks/0/Parents").forEach(p -> parents.add(p.path("/").asText()));
            assertThat(parent.path("hash").asText()).isEqualTo(codec.cid.TipSetKeyCid.of(parents));
            assertThat(parent.path("index").asLong()).as("no indexed null round below %d", h).isEqualTo(h - 1);
            for (Map.Entry<Long, JsonNode> first : firstRecordings(raw).entrySet()) {
                long id = first.getKey();
                if (APPEARS.get(id).stream().anyMatch(other -> other < h) || !moved(raw, id)) {
                    continue; // its history starts at a lower height, or the tipset moved none of its FIL (no snapshot taken)
                }
                RosettaClient.Answer a = balance("t0" + id, parent);
                if (a.ok()) {
                    assertThat(a.body().path("block_identifier")).isEqualTo(parent);
                    assertThat(a.body().at("/balances/0/value").asText()).as("t0%d before %d", id, h)
                            .isEqualTo(first.getValue().at("/InvokedActor/State/Balance").asText());
                    assertThat(a.body().at("/metadata/nonce").asLong()).as("t0%d nonce before %d", id, h)
                            .isEqualTo(first.getValue().at("/InvokedActor/State/Nonce").asLong());
                    proven++;
                } else {
                    // the node had no proof of its parent state, so no snapshot here: said, not guessed
                    assertThat(a.errorCode()).as(a.body().toString())
                            .isIn(RosettaError.ACCOUNT_NOT_FOUND.code(), RosettaError.BALANCE_UNKNOWN.code());
                    assertThat(notProvable(raw, id, first.getValue())).as("t0%d at %d has a recorded parent state", id, h).isTrue();
                    unproven++;
                }
            }
        }
        System.out.printf("parent-block balances: %d equal to the recorded state, %d without proof%n", proven, unproven);
        assertThat(proven).isGreaterThanOrEqualTo(10);
        assertThat(rosetta.problems()).isEmpty();
    }

    @Test
    void checkDataReconcilesEveryBlockWithTheBalances() throws Exception {
        int reconciled = 0;
        for (long h : HEIGHTS) {
            CheckData.Report report = new CheckData(rosetta).run(h, h);
            assertThat(report.blocks()).isEqualTo(1);
            assertThat(report.failures()).as("check:data of %d", h).isEmpty();
            // left out only where filflow has no starting balance, with the listed reasons
            assertThat(report.unknownStart().values()).as("%d: %s", h, report.unknownStart())
                    .allMatch(code -> code == RosettaError.ACCOUNT_NOT_FOUND.code() || code == RosettaError.BALANCE_GAP.code()
                            || code == RosettaError.BALANCE_UNKNOWN.code());
            reconciled += report.reconciliations();
        }
        System.out.printf("check:data over %d recorded blocks: %d reconciliations%n", HEIGHTS.size(), reconciled);
        assertThat(reconciled).isGreaterThanOrEqualTo(30);
        assertThat(rosetta.problems()).isEmpty();
    }

    @Test
    void aGapBetweenTheSnapshotAndTheBlockIsAnErrorNotAWrongBalance() throws Exception {
        long low = 1552242L;
        long high = 1576593L;
        Long actor = null;
        for (Map.Entry<Long, JsonNode> first : firstRecordings(new RawFixtures("calibnet", low)).entrySet()) {
            Set<Long> seen = APPEARS.get(first.getKey());
            if (seen.stream().noneMatch(x -> x != low && x <= high) && seen.stream().allMatch(x -> x >= low)
                    && balance("t0" + first.getKey(), ApiJson.object().put("index", low)).ok()) {
                actor = first.getKey();
                break;
            }
        }
        assertThat(actor).as("an actor with a snapshot at %d and nothing until %d", low, high).isNotNull();
        ObjectNode at = ApiJson.object().put("index", high);
        RosettaClient.Answer gap = balance("t0" + actor, at);
        assertThat(gap.errorCode()).as(gap.body().toString()).isEqualTo(RosettaError.BALANCE_GAP.code());
        assertThat(gap.body().at("/details/reason").asText()).contains("is not indexed");

        ApiServer.Answer rest = server.get("/api/v1/actors/t0" + actor + "/balance?height=" + high);
        assertThat(rest.status()).as(rest.body()).isEqualTo(409);
        assertThat(rest.body()).contains("HEIGHTS_NOT_INDEXED").contains("height " + (low + 1) + " is not indexed");
        // the block of its snapshot still answers
        assertThat(server.get("/api/v1/actors/t0" + actor + "/balance?height=" + low).status()).isEqualTo(200);
        assertThat(rosetta.problems()).isEmpty();
    }

    @Test
    void badRequestsAreTheListedErrors() throws Exception {
        ObjectNode r = rosetta.request();
        r.putObject("account_identifier").put("address", "f02");
        assertThat(rosetta.post("/account/balance", r).errorCode()).isEqualTo(RosettaError.INVALID_ACCOUNT.code());
        ((ObjectNode) r.path("account_identifier")).put("address", "t0999999999");
        assertThat(rosetta.post("/account/balance", r).errorCode()).isEqualTo(RosettaError.ACCOUNT_NOT_FOUND.code());
        ((ObjectNode) r.path("account_identifier")).put("address", "t02");
        ((ObjectNode) r.path("account_identifier")).putObject("sub_account").put("address", "x");
        assertThat(rosetta.post("/account/balance", r).errorCode()).isEqualTo(RosettaError.INVALID_REQUEST.code());
        ((ObjectNode) r.path("account_identifier")).remove("sub_account");
        r.putArray("currencies").addObject().put("symbol", "ETH").put("decimals", 18);
        assertThat(rosetta.post("/account/balance", r).errorCode()).isEqualTo(RosettaError.UNSUPPORTED_CURRENCY.code());
        r.remove("currencies");
        r.putObject("block_identifier").put("index", 1698056L);
        assertThat(rosetta.post("/account/balance", r).errorCode()).isEqualTo(RosettaError.BLOCK_NOT_INDEXED.code());
        r.putObject("block_identifier").put("index", 1698053L); // neither indexed nor the parent of an indexed block
        assertThat(rosetta.post("/account/balance", r).errorCode()).isEqualTo(RosettaError.BLOCK_BELOW_RANGE.code());
        assertThat(rosetta.problems()).isEmpty();
    }

    private static ObjectNode blockRequest(long index) {
        ObjectNode r = rosetta.request();
        r.putObject("block_identifier").put("index", index);
        return r;
    }

    private static RosettaClient.Answer balance(String address, JsonNode blockIdentifier) throws Exception {
        ObjectNode request = rosetta.request();
        request.putObject("account_identifier").put("address", address);
        if (blockIdentifier != null) {
            request.set("block_identifier", blockIdentifier);
        }
        return rosetta.post("/account/balance", request);
    }

    /** Each actor's first recorded call in a tipset (execution order, calls in pre-order). */
    private static Map<Long, JsonNode> firstRecordings(RawFixtures raw) {
        Map<Long, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode t : raw.traces) {
            first(t.path("ExecutionTrace"), out);
        }
        return out;
    }

    private static void first(JsonNode call, Map<Long, JsonNode> out) {
        if (call.path("InvokedActor").path("State").isObject()) {
            out.putIfAbsent(call.at("/InvokedActor/Id").asLong(), call);
        }
        call.path("Subcalls").forEach(s -> first(s, out));
    }

    /**
     * Why a first recording is no proof of the parent state (Lotus's order of execution): the actor
     * sent an explicit message before it (gas escrow and nonce taken first), it is f02/f099 after an
     * explicit message (tips and burns arrive without a call), or the call created it.
     */
    private static boolean notProvable(RawFixtures raw, long id, JsonNode firstCall) {
        Set<String> names = Set.of("f0" + id, "t0" + id);
        boolean explicitBefore = false;
        for (JsonNode t : raw.traces) {
            boolean explicit = !RawFixtures.isImplicit(t);
            if (explicit && names.contains(t.at("/ExecutionTrace/Msg/From").asText())) {
                return true;
            }
            if (contains(t.path("ExecutionTrace"), firstCall)) {
                break;
            }
            explicitBefore |= explicit;
        }
        if ((id == 2 || id == 99) && explicitBefore) {
            return true;
        }
        String to = firstCall.at("/Msg/To").asText();
        boolean constructor = firstCall.at("/Msg/From").asText().matches("[ft]01") && firstCall.at("/Msg/Method").asLong() == 1;
        return constructor || !to.matches("[ft]0[0-9]+");
    }

    /** Whether the tipset moved FIL of the actor: a value of a call that took effect, or gas it paid. */
    private static boolean moved(RawFixtures raw, long id) {
        Set<String> names = Set.of("f0" + id, "t0" + id);
        for (JsonNode t : raw.traces) {
            if (!RawFixtures.isImplicit(t) && names.contains(t.at("/ExecutionTrace/Msg/From").asText())) {
                return true;
            }
            if (movedBy(t.path("ExecutionTrace"), names)) {
                return true;
            }
        }
        return false;
    }

    private static boolean movedBy(JsonNode call, Set<String> names) {
        if (call.at("/MsgRct/ExitCode").asLong() != 0) {
            return false;
        }
        boolean value = !new java.math.BigInteger(call.at("/Msg/Value").asText("0")).equals(java.math.BigInteger.ZERO);
        if (value && (names.contains(call.at("/Msg/From").asText()) || names.contains(call.at("/Msg/To").asText()))) {
            return true;
        }
        for (JsonNode s : call.path("Subcalls")) {
            if (movedBy(s, names)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode call, JsonNode target) {
        if (call == target) {
            return true;
        }
        for (JsonNode s : call.path("Subcalls")) {
            if (contains(s, target)) {
                return true;
            }
        }
        return false;
    }

    private static void appearances(JsonNode call, long h) {
        appears(call.at("/Msg/From").asText(), h);
        appears(call.at("/Msg/To").asText(), h);
        if (call.path("InvokedActor").has("Id")) {
            APPEARS.computeIfAbsent(call.at("/InvokedActor/Id").asLong(), k -> new HashSet<>()).add(h);
        }
        call.path("Subcalls").forEach(s -> appearances(s, h));
    }

    private static void appears(String address, long h) {
        if (address.matches("[ft]0[0-9]+")) {
            APPEARS.computeIfAbsent(Long.parseLong(address.substring(2)), k -> new HashSet<>()).add(h);
        }
    }
}
