package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recorded mainnet heights indexed by the real pipeline, then every endpoint over HTTP
 * compared with what this test reads from the raw fixture files itself.
 */
class FixtureApiTest {
    static final List<Long> HEIGHTS = List.of(2907480L, 3140097L, 3573062L, 3573064L);
    /** Not recorded, between two recorded heights: the replay node answers it as a null round. */
    static final long NULL_ROUND = 3573063L;
    /** The EVM contract deployed at 3573064 (lotus/creations.json). */
    static final String CONTRACT_ID = "f02941146";
    static final String DEPLOYER_ID = "f02078582";

    private static ApiServer api;
    private static final List<RawFixtures> RAW = new ArrayList<>();

    @BeforeAll
    static void indexAndServe() throws Exception {
        List<Long> all = new ArrayList<>(HEIGHTS);
        all.add(NULL_ROUND);
        var clickHouse = IndexedFixtures.index("mainnet", all, "api_fixtures_mainnet");
        api = ApiServer.start(Map.of("clickHouse", clickHouse), Map.of());
        HEIGHTS.forEach(h -> RAW.add(new RawFixtures("mainnet", h)));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void tipsetsMatchTheRecordings() throws Exception {
        for (RawFixtures raw : RAW) {
            JsonNode t = get("/api/v1/tipsets/" + raw.height);
            JsonNode first = raw.tipset.path("Blocks").get(0);
            assertThat(t.get("height").asLong()).isEqualTo(raw.height);
            assertThat(texts(t.get("cids"))).isEqualTo(raw.tipsetCids());
            assertThat(t.get("nullRound").asBoolean()).isFalse();
            assertThat(t.get("timestamp").asLong()).isEqualTo(first.get("Timestamp").asLong());
            assertThat(t.get("parentBaseFee").asText()).isEqualTo(first.get("ParentBaseFee").asText());
            assertThat(t.get("messageCount").asLong())
                    .isEqualTo(raw.traces.stream().filter(x -> !RawFixtures.isImplicit(x)).count());
            assertThat(t.get("blocks").size()).isEqualTo(raw.tipset.path("Blocks").size());
            Set<String> miners = new HashSet<>();
            raw.tipset.path("Blocks").forEach(b -> miners.add(b.get("Miner").asText()));
            t.get("blocks").forEach(b -> {
                assertThat(raw.tipsetCids()).contains(b.get("cid").asText());
                assertThat(miners).contains(b.at("/miner/id").asText());
            });
        }
    }

    @Test
    void aNullRoundIsATipsetWithoutBlocks() throws Exception {
        JsonNode t = get("/api/v1/tipsets/" + NULL_ROUND);
        assertThat(t.get("nullRound").asBoolean()).isTrue();
        assertThat(t.path("blocks").size()).isZero();
        assertThat(api.get("/api/v1/tipsets/3573065").status()).isEqualTo(404);
    }

    @Test
    void tipsetListPagesNewestFirstWithTheCursor() throws Exception {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/v1/tipsets?from=2907480&to=3573064&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(i -> seen.add(i.get("height").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactly(3573064L, NULL_ROUND, 3573062L, 3140097L, 2907480L);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void blocksMatchTheRecordings() throws Exception {
        for (RawFixtures raw : RAW) {
            for (JsonNode b : raw.tipset.path("Blocks")) {
                String cid = raw.tipsetCids().get(indexOf(raw.tipset.path("Blocks"), b));
                JsonNode got = get("/api/v1/blocks/" + cid);
                assertThat(got.get("cid").asText()).isEqualTo(cid);
                assertThat(got.get("height").asLong()).isEqualTo(raw.height);
                assertThat(got.at("/miner/id").asText()).isEqualTo(b.get("Miner").asText());
                assertThat(texts(got.get("parents"))).isEqualTo(cids(b.get("Parents")));
                assertThat(got.get("parentWeight").asText()).isEqualTo(b.get("ParentWeight").asText());
                assertThat(got.get("parentStateRoot").asText()).isEqualTo(RawFixtures.cid(b.get("ParentStateRoot")));
                assertThat(got.get("timestamp").asLong()).isEqualTo(b.get("Timestamp").asLong());
                assertThat(got.get("winCount").asLong()).isEqualTo(b.at("/ElectionProof/WinCount").asLong());
                assertThat(new HashSet<>(texts(got.get("messageCids")))).isEqualTo(raw.blockMessages(cid));
            }
        }
    }

    @Test
    void everyExecutedMessageMatchesItsTrace() throws Exception {
        int checked = 0;
        for (RawFixtures raw : RAW) {
            for (JsonNode t : raw.traces) {
                String cid = RawFixtures.msgCid(t);
                JsonNode m = get("/api/v1/messages/" + cid);
                JsonNode msg = t.get("Msg");
                JsonNode exec = t.path("ExecutionTrace").path("Msg");
                assertThat(m.get("cid").asText()).isEqualTo(cid);
                assertThat(m.get("height").asLong()).isEqualTo(raw.height);
                assertThat(m.get("implicit").asBoolean()).as(cid).isEqualTo(RawFixtures.isImplicit(t));
                assertActor(m.get("from"), msg.get("From").asText(), exec.path("From").asText());
                assertActor(m.get("to"), msg.get("To").asText(), exec.path("To").asText());
                assertThat(m.get("nonce").asLong()).isEqualTo(msg.get("Nonce").asLong());
                assertThat(m.get("value").asText()).as(cid).isEqualTo(msg.get("Value").asText());
                assertThat(m.get("method").asLong()).isEqualTo(msg.get("Method").asLong());
                assertThat(m.get("gasLimit").asLong()).isEqualTo(msg.get("GasLimit").asLong());
                assertThat(m.get("gasFeeCap").asText()).isEqualTo(msg.get("GasFeeCap").asText());
                assertThat(m.get("gasPremium").asText()).isEqualTo(msg.get("GasPremium").asText());
                assertThat(m.get("exitCode").asLong()).isEqualTo(t.at("/MsgRct/ExitCode").asLong());
                assertThat(m.get("gasUsed").asLong()).isEqualTo(t.at("/MsgRct/GasUsed").asLong());
                JsonNode gas = t.get("GasCost");
                assertThat(m.get("baseFeeBurn").asText()).isEqualTo(gas.get("BaseFeeBurn").asText());
                assertThat(m.get("overEstimationBurn").asText()).isEqualTo(gas.get("OverEstimationBurn").asText());
                assertThat(m.get("minerTip").asText()).isEqualTo(gas.get("MinerTip").asText());
                assertThat(m.get("refund").asText()).isEqualTo(gas.get("Refund").asText());
                assertThat(m.get("totalCost").asText()).isEqualTo(gas.get("TotalCost").asText());
                assertThat(m.get("subcallCount").asInt()).as(cid).isEqualTo(RawFixtures.descendants(t.get("ExecutionTrace")));
                assertThat(new HashSet<>(texts(m.get("blockCids")))).isEqualTo(raw.blocksIncluding(cid));
                if (msg.hasNonNull("RequestParams") && !msg.get("RequestParams").asText().isEmpty()) {
                    assertThat(m.get("params").asText()).isEqualTo(msg.get("RequestParams").asText());
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(RAW.stream().mapToInt(r -> r.traces.size()).sum()).isGreaterThan(400);
    }

    @Test
    void subcallTreesMatchTheTraces() throws Exception {
        for (RawFixtures raw : RAW) {
            for (JsonNode t : raw.traces) {
                JsonNode tree = get("/api/v1/messages/" + RawFixtures.msgCid(t) + "/subcalls");
                assertThat(tree.get("subcallCount").asInt()).isEqualTo(RawFixtures.descendants(t.get("ExecutionTrace")));
                assertSameTree(tree.get("subcalls"), t.at("/ExecutionTrace/Subcalls"), 1, RawFixtures.msgCid(t));
            }
        }
    }

    @Test
    void eventsAreTheRecordedEvmLogs() throws Exception {
        int messagesWithLogs = 0;
        for (RawFixtures raw : RAW) {
            for (JsonNode t : raw.traces) {
                // the 2907480 recording repeats each log 13 times: compare the distinct logs (by logIndex)
                List<JsonNode> logs = distinctByLogIndex(raw.ethLogsOf(RawFixtures.msgCid(t)).stream()
                        .map(l -> (JsonNode) ApiJson.object().put("logIndex", Long.decode(l.get("logIndex").asText()))
                                .put("data", l.get("data").asText()).set("topics", l.get("topics"))).toList());
                if (logs.isEmpty()) {
                    continue;
                }
                messagesWithLogs++;
                String cid = RawFixtures.msgCid(t);
                JsonNode items = get("/api/v1/messages/" + cid + "/events").get("items");
                List<JsonNode> got = distinctByLogIndex(StreamSupport.stream(items.spliterator(), false).toList());
                assertThat(got.size()).as(cid).isEqualTo(logs.size());
                for (int i = 0; i < logs.size(); i++) {
                    JsonNode want = logs.get(i);
                    assertThat(got.get(i).get("logIndex").asLong()).isEqualTo(want.get("logIndex").asLong());
                    assertThat(texts(got.get(i).get("topics"))).isEqualTo(texts(want.get("topics")));
                    assertThat(got.get(i).get("data").asText()).isEqualTo(want.get("data").asText());
                    assertThat(got.get(i).get("kind").asText()).isEqualTo("evm");
                }
                String hash = raw.ethLogsOf(cid).get(0).get("transactionHash").asText();
                JsonNode m = get("/api/v1/messages/" + cid);
                assertThat(m.get("eventCount").asInt()).isEqualTo(items.size());
                assertThat(m.get("ethHash").asText()).isEqualTo(hash);
                assertThat(get("/api/v1/messages/" + hash).get("cid").asText()).isEqualTo(cid);
            }
        }
        assertThat(messagesWithLogs).isGreaterThanOrEqualTo(3);
    }

    @Test
    void messagesOfAHeightPageInExecutionOrder() throws Exception {
        for (RawFixtures raw : RAW) {
            List<String> all = raw.traces.stream().map(RawFixtures::msgCid).toList();
            assertThat(pageAll("/api/v1/messages?height=" + raw.height, 7)).isEqualTo(all);
            assertThat(pageAll("/api/v1/messages?height=" + raw.height + "&implicit=false", 50))
                    .isEqualTo(raw.traces.stream().filter(x -> !RawFixtures.isImplicit(x)).map(RawFixtures::msgCid).toList());
            JsonNode method = raw.traces.get(0).at("/Msg/Method");
            assertThat(pageAll("/api/v1/messages?height=" + raw.height + "&method=" + method.asLong(), 1000))
                    .isEqualTo(raw.traces.stream().filter(x -> x.at("/Msg/Method").asLong() == method.asLong())
                            .map(RawFixtures::msgCid).toList());
        }
    }

    @Test
    void messagesOfEveryMethodPageNewestFirstWithoutSkipsOrRepeats() throws Exception {
        // expected from the trace files: every executed message of a method, newest height first, ties by CID
        Map<Long, List<String[]>> byMethod = new java.util.TreeMap<>();
        for (RawFixtures raw : RAW) {
            for (JsonNode t : raw.traces) {
                byMethod.computeIfAbsent(t.at("/Msg/Method").asLong(), m -> new ArrayList<>())
                        .add(new String[] {Long.toString(raw.height), RawFixtures.msgCid(t), Boolean.toString(RawFixtures.isImplicit(t))});
            }
        }
        java.util.Comparator<String[]> newestFirst = java.util.Comparator.<String[]>comparingLong(k -> Long.parseLong(k[0]))
                .thenComparing(k -> k[1]).reversed();
        boolean boundaryInsideAHeight = false;
        for (var e : byMethod.entrySet()) {
            List<String[]> want = e.getValue().stream().sorted(newestFirst).toList();
            int limit = Math.max(2, (want.size() + 2) / 3); // three or four pages a method, kept few on a loaded machine
            List<String> got = pageAll("/api/v1/messages?method=" + e.getKey(), limit);
            assertThat(got).as("method " + e.getKey()).isEqualTo(want.stream().map(k -> k[1]).toList());
            List<String> explicit = want.stream().filter(k -> !Boolean.parseBoolean(k[2])).map(k -> k[1]).toList();
            if (explicit.size() < want.size()) {
                assertThat(pageAll("/api/v1/messages?method=" + e.getKey() + "&implicit=false", Math.max(2, (explicit.size() + 1) / 2)))
                        .as("method " + e.getKey()).isEqualTo(explicit);
            }
            for (int i = limit; i < want.size(); i += limit) {
                boundaryInsideAHeight |= want.get(i - 1)[0].equals(want.get(i)[0]);
            }
        }
        assertThat(boundaryInsideAHeight).as("some page ends inside a height").isTrue();
    }

    @Test
    void aBusyActorsMessagesPageNewestFirstWithoutSkipsOrRepeats() throws Exception {
        String id = "f05";
        List<String> want = new ArrayList<>();
        for (int i = RAW.size() - 1; i >= 0; i--) {
            RAW.get(i).traces.stream().filter(t -> RawFixtures.involves(t.get("ExecutionTrace"), id, true))
                    .map(RawFixtures::msgCid).sorted(java.util.Comparator.reverseOrder()).forEach(want::add);
        }
        assertThat(want.size()).isGreaterThan(4);
        assertThat(pageAll("/api/v1/messages?address=" + id + "&includeSubcalls=true", (want.size() + 3) / 4)).isEqualTo(want);
    }

    @Test
    void messagesOfABlock() throws Exception {
        RawFixtures raw = RAW.get(RAW.size() - 1);
        for (String block : raw.tipsetCids()) {
            assertThat(new HashSet<>(pageAll("/api/v1/messages?block=" + block, 1000))).isEqualTo(raw.blockMessages(block));
        }
    }

    @Test
    void messagesOfAnAddressInEveryForm() throws Exception {
        // a sender with a robust address: the first explicit message of the last height
        JsonNode t = RAW.get(RAW.size() - 1).traces.stream().filter(x -> !RawFixtures.isImplicit(x)).findFirst().orElseThrow();
        String id = t.at("/ExecutionTrace/Msg/From").asText();
        Set<String> expected = expectedMessagesOf(id, false);
        JsonNode actor = get("/api/v1/messages/" + RawFixtures.msgCid(t)).get("from");
        List<String> forms = new ArrayList<>(List.of(id, "t" + id.substring(1), t.at("/Msg/From").asText(), actor.get("eth").asText()));
        for (String form : forms) {
            List<String> got = pageAll("/api/v1/messages?address=" + form, 3);
            assertThat(new LinkedHashSet<>(got)).as(form).isEqualTo(expected);
            assertThat(got).hasSize(expected.size());
        }
        // newest first: heights never increase along the list
        List<Long> heights = new ArrayList<>();
        get("/api/v1/messages?address=" + id + "&limit=1000").get("items").forEach(i -> heights.add(i.get("height").asLong()));
        assertThat(heights).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void includeSubcallsAlsoFindsInternalCalls() throws Exception {
        String id = "f05"; // the storage market actor: called by miners inside their messages
        Set<String> direct = expectedMessagesOf(id, false);
        Set<String> deep = expectedMessagesOf(id, true);
        assertThat(deep.size()).isGreaterThan(direct.size());
        assertThat(new HashSet<>(pageAll("/api/v1/messages?address=" + id, 100))).isEqualTo(direct);
        assertThat(new HashSet<>(pageAll("/api/v1/messages?address=" + id + "&includeSubcalls=true", 100))).isEqualTo(deep);
    }

    @Test
    void theEvmContractByEveryAddressForm() throws Exception {
        JsonNode recorded = recordedCreation();
        JsonNode ret = recorded.get("decoded_return");
        List<String> forms = List.of(CONTRACT_ID, "t" + CONTRACT_ID.substring(1), ret.get("RobustAddress").asText(),
                ret.get("EthAddress_as_f410").asText(), ret.get("EthAddress").asText());
        for (String form : forms) {
            JsonNode c = get("/api/v1/contracts/" + form);
            assertThat(c.at("/actor/id").asText()).as(form).isEqualTo(CONTRACT_ID);
            assertThat(c.at("/actor/robust").asText()).isEqualTo(ret.get("RobustAddress").asText());
            assertThat(c.at("/actor/delegated").asText()).isEqualTo(ret.get("EthAddress_as_f410").asText());
            assertThat(c.at("/actor/eth").asText()).isEqualToIgnoringCase(ret.get("EthAddress").asText());
            assertThat(c.get("kind").asText()).isEqualTo("evm");
            assertThat(c.get("creationMessageCid").asText()).isEqualTo(recorded.get("msg_cid").asText());
            assertThat(c.get("creationHeight").asLong()).isEqualTo(recorded.get("height").asLong());
            assertThat(c.at("/deployer/id").asText()).isEqualTo(recorded.get("from").asText());
        }
        JsonNode report = get("/api/v1/addresses/" + ret.get("EthAddress").asText());
        assertThat(report.get("known").asBoolean()).isTrue();
        assertThat(report.get("id").asText()).isEqualTo(CONTRACT_ID);
        assertThat(report.get("robust").asText()).isEqualTo(ret.get("RobustAddress").asText());
    }

    @Test
    void contractsByTheirDeployerAndTheirMessages() throws Exception {
        JsonNode recorded = recordedCreation();
        for (String owner : List.of(DEPLOYER_ID, recorded.get("top_level_from").asText())) {
            JsonNode page = get("/api/v1/contracts?owner=" + owner);
            assertThat(StreamSupport.stream(page.get("items").spliterator(), false).map(i -> i.at("/actor/id").asText()))
                    .as(owner).contains(CONTRACT_ID);
        }
        assertThat(new HashSet<>(pageAll("/api/v1/contracts/" + CONTRACT_ID + "/messages", 10)))
                .isEqualTo(expectedMessagesOf(CONTRACT_ID, true)).contains(recorded.get("msg_cid").asText());
        ApiServer.Answer bytecode = api.get("/api/v1/contracts/" + CONTRACT_ID + "/bytecode");
        assertThat(bytecode.status()).isIn(200, 404);
        assertThat(api.get("/api/v1/contracts/f05").status()).isEqualTo(404);
    }

    @Test
    void searchClassifiesEachKind() throws Exception {
        RawFixtures raw = RAW.get(RAW.size() - 1);
        String msg = RawFixtures.msgCid(raw.traces.get(0));
        String block = raw.tipsetCids().get(0);
        JsonNode log = RAW.stream().flatMap(r -> StreamSupport.stream(r.ethLogs.spliterator(), false)).findFirst().orElseThrow();
        assertThat(get("/api/v1/search?q=" + raw.height).get("kind").asText()).isEqualTo("tipset");
        assertThat(get("/api/v1/search?q=" + msg).at("/message/cid").asText()).isEqualTo(msg);
        assertThat(get("/api/v1/search?q=" + block).at("/block/cid").asText()).isEqualTo(block);
        assertThat(get("/api/v1/search?q=" + log.get("transactionHash").asText()).at("/message/cid").asText())
                .isEqualTo(log.get("transactionCid").asText());
        JsonNode contract = get("/api/v1/search?q=" + recordedCreation().at("/decoded_return/EthAddress_as_f410").asText());
        assertThat(contract.get("kind").asText()).isEqualTo("contract");
        assertThat(contract.at("/contract/actor/id").asText()).isEqualTo(CONTRACT_ID);
        JsonNode address = get("/api/v1/search?q=" + raw.traces.get(0).at("/Msg/From").asText());
        assertThat(address.get("kind").asText()).isEqualTo("address");
        assertThat(api.get("/api/v1/search?q=no-such-project").status()).isEqualTo(404);
    }

    // ---- expectations computed from the raw files ----

    private static List<JsonNode> distinctByLogIndex(List<JsonNode> logs) {
        java.util.TreeMap<Long, JsonNode> byIndex = new java.util.TreeMap<>();
        logs.forEach(l -> byIndex.putIfAbsent(l.get("logIndex").asLong(), l));
        return new ArrayList<>(byIndex.values());
    }

    private static Set<String> expectedMessagesOf(String id, boolean deep) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = RAW.size() - 1; i >= 0; i--) {
            for (JsonNode t : RAW.get(i).traces) {
                if (RawFixtures.involves(t.get("ExecutionTrace"), id, deep)) {
                    out.add(RawFixtures.msgCid(t));
                }
            }
        }
        return out;
    }

    private static JsonNode recordedCreation() throws Exception {
        JsonNode all = ApiJson.MAPPER.readTree(RawFixtures.LOTUS.resolve("creations.json").toFile()).get("creations");
        return StreamSupport.stream(all.spliterator(), false)
                .filter(c -> "mainnet".equals(c.path("network").asText()) && c.path("height").asLong() == 3573064L)
                .findFirst().orElseThrow();
    }

    private static void assertActor(JsonNode actor, String sent, String resolved) {
        List<String> forms = new ArrayList<>();
        actor.fields().forEachRemaining(e -> forms.add(e.getValue().asText()));
        assertThat(forms).as("forms of " + sent).contains(sent);
        if (resolved.startsWith("f0")) {
            assertThat(actor.get("id").asText()).isEqualTo(resolved);
        }
    }

    private static void assertSameTree(JsonNode got, JsonNode want, int depth, String cid) {
        assertThat(got.size()).as(cid + " depth " + depth).isEqualTo(want.size());
        for (int i = 0; i < want.size(); i++) {
            JsonNode g = got.get(i);
            JsonNode w = want.get(i);
            assertThat(g.get("depth").asInt()).isEqualTo(depth);
            assertThat(g.get("method").asLong()).as(cid).isEqualTo(w.at("/Msg/Method").asLong());
            assertThat(g.get("value").asText()).isEqualTo(w.at("/Msg/Value").asText());
            assertThat(g.get("exitCode").asLong()).isEqualTo(w.at("/MsgRct/ExitCode").asLong());
            assertActor(g.get("to"), w.at("/Msg/To").asText(), w.at("/Msg/To").asText());
            assertActor(g.get("from"), w.at("/Msg/From").asText(), w.at("/Msg/From").asText());
            assertThat(g.get("subcallCount").asInt()).isEqualTo(RawFixtures.descendants(w));
            assertSameTree(g.get("subcalls"), w.path("Subcalls"), depth + 1, cid);
        }
    }

    // ---- HTTP helpers ----

    private static JsonNode get(String path) throws Exception {
        ApiServer.Answer a = api.get(path);
        assertThat(a.status()).as(path + " -> " + a.body()).isEqualTo(200);
        return ApiJson.MAPPER.readTree(a.body());
    }

    /** Follows nextCursor to the end, returning the message CIDs in answer order. */
    private static List<String> pageAll(String path, int limit) throws Exception {
        List<String> out = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            String sep = path.contains("?") ? "&" : "?";
            JsonNode page = get(path + sep + "limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(i -> out.add(i.has("cid") ? i.get("cid").asText() : i.get("creationMessageCid").asText()));
            if (page.get("nextCursor").isNull()) {
                return out;
            }
            cursor = page.get("nextCursor").asText();
        }
        throw new AssertionError("more than 1000 pages: " + path);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> cids(JsonNode links) {
        List<String> out = new ArrayList<>();
        links.forEach(n -> out.add(RawFixtures.cid(n)));
        return out;
    }

    private static int indexOf(JsonNode array, JsonNode element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == element) {
                return i;
            }
        }
        throw new IllegalArgumentException("not in array");
    }
}
