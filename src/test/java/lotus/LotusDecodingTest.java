package lotus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.address.Address;
import codec.address.Network;
import codec.cid.Cid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import lotus.RpcTestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import testsupport.Fixtures;
import trace.GasChargeSummarizer;
import trace.InvocationResult;
import trace.TraceReader;

/**
 * Every typed method decodes real answers: recorded fixtures where they exist, otherwise answers
 * reshaped from recorded traces into the shapes of Lotus's API docs. Expected values are read from
 * the raw JSON, never from the client.
 */
class LotusDecodingTest {
    private static final Cid SOME_BLOCK = Cid.parse("bafy2bzacediomzwjij2s4neqshzfo6sq2odr55ltdifpy4qqkxzlhh5i5bf2i");

    private RpcTestServer server;
    private LotusClient client;

    @BeforeEach
    void start() throws IOException {
        server = new RpcTestServer();
        client = new LotusClient(LotusClientConfig.of(server.url()), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode json(byte[] raw) throws IOException {
        return RpcTestServer.JSON.readTree(raw);
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mainnet/traces_2907480.json.gz", "calibnet/traces_845259.json.gz", "calibnet/traces_1419335.json.gz"})
    void stateComputeStreamsIntoTheTraceReader(String fixture) throws IOException {
        byte[] recorded = RpcTestServer.fixture(fixture);
        server.on("Filecoin.StateCompute", Reply.result(recorded));
        JsonNode raw = json(recorded);
        List<InvocationResult> seen = new ArrayList<>();
        TraceReader traces = new TraceReader();

        Cid root = client.stateCompute(1, TipSetKey.EMPTY, GasChargeSummarizer::new,
                p -> traces.readComputeResult(p, seen::add));

        assertThat(root.toString()).isEqualTo(raw.get("Root").get("/").asText());
        assertThat(seen).hasSize(raw.get("Trace").size());
        for (int i = 0; i < seen.size(); i++) {
            JsonNode r = raw.get("Trace").get(i);
            InvocationResult ir = seen.get(i);
            assertThat(ir.msgCid().toString()).isEqualTo(r.get("MsgCid").get("/").asText());
            assertThat(ir.msg().value()).isEqualTo(new BigInteger(r.get("Msg").get("Value").asText()));
            assertThat(ir.receipt().gasUsed()).isEqualTo(r.get("MsgRct").get("GasUsed").asLong());
            assertThat(ir.gasCost().totalCost()).isEqualTo(new BigInteger(r.get("GasCost").get("TotalCost").asText()));
        }
    }

    @Test
    void stateReplayReadsOneInvocResult() throws IOException {
        JsonNode one = json(RpcTestServer.fixture("calibnet/traces_1419335.json.gz")).get("Trace").get(0);
        server.on("Filecoin.StateReplay", Reply.result(bytes(one)));
        Cid msg = Cid.parse(one.get("MsgCid").get("/").asText());

        InvocationResult ir = client.stateReplay(TipSetKey.of(SOME_BLOCK), msg, new TraceReader()::readInvocationResult);

        assertThat(ir.msgCid()).isEqualTo(msg);
        assertThat(ir.receipt().eventsRoot().toString()).isEqualTo(one.get("MsgRct").get("EventsRoot").get("/").asText());
        assertThat(server.received.get(0).params().get(1).get("/").asText()).isEqualTo(msg.toString());
    }

    @Test
    void ethGetLogsDecodesRecordedLogs() throws IOException {
        byte[] recorded = RpcTestServer.fixture("calibnet/ethlog_1576593.json.gz");
        server.on("Filecoin.EthGetLogs", Reply.result(recorded));
        JsonNode raw = json(recorded);

        List<EthLog> logs = client.ethGetLogs(EthFilter.heights(1576593, 1576593));

        assertThat(logs).hasSize(raw.size()).isNotEmpty();
        for (int i = 0; i < logs.size(); i++) {
            JsonNode r = raw.get(i);
            EthLog log = logs.get(i);
            assertThat(log.address()).isEqualTo(r.get("address").asText());
            assertThat(log.data()).isEqualTo(r.get("data").asText());
            assertThat(log.topics()).containsExactlyElementsOf(textList(r.get("topics")));
            assertThat(log.logIndex()).isEqualTo(new BigInteger(r.get("logIndex").asText().substring(2), 16).longValue());
            assertThat(log.blockNumber()).isEqualTo(new BigInteger(r.get("blockNumber").asText().substring(2), 16).longValue());
            assertThat(log.transactionHash()).isEqualTo(r.get("transactionHash").asText());
            assertThat(log.transactionCid()).isEqualTo(r.get("transactionCid").asText());
        }
        assertThat(server.received.get(0).params().toString())
                .isEqualTo("[{\"fromBlock\":\"0x180e91\",\"toBlock\":\"0x180e91\"}]");
    }

    @Test
    void getActorEventsRawDecodesRecordedNativeEvents() throws IOException {
        byte[] recorded = RpcTestServer.fixture("calibnet/nativelog_1162295.json.gz");
        server.on("Filecoin.GetActorEventsRaw", Reply.result(recorded));
        JsonNode raw = json(recorded);

        List<ActorEvent> events = client.getActorEventsRaw(ActorEventFilter.heights(1162295, 1162295));

        assertThat(events).hasSize(raw.size()).isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            JsonNode r = raw.get(i);
            ActorEvent e = events.get(i);
            assertThat(e.emitter()).isEqualTo(r.get("emitter").asText());
            assertThat(e.height()).isEqualTo(r.get("height").asLong());
            assertThat(e.reverted()).isEqualTo(r.get("reverted").asBoolean());
            assertThat(e.msgCid().toString()).isEqualTo(r.get("msgCid").get("/").asText());
            assertThat(e.tipsetKey().cids()).extracting(Cid::toString)
                    .containsExactlyElementsOf(r.get("tipsetKey").findValuesAsText("/"));
            for (int j = 0; j < e.entries().size(); j++) {
                JsonNode re = r.get("entries").get(j);
                EventEntry entry = e.entries().get(j);
                assertThat(entry.key()).isEqualTo(re.get("Key").asText());
                assertThat(entry.flags()).isEqualTo(re.get("Flags").asInt());
                assertThat(entry.codec()).isEqualTo(re.get("Codec").asLong());
                assertThat(entry.value()).isEqualTo(Base64.getDecoder().decode(re.get("Value").asText()));
            }
        }
        assertThat(server.received.get(0).params().toString())
                .isEqualTo("[{\"fromHeight\":1162295,\"toHeight\":1162295}]");
    }

    @Test
    void parentMessagesAndReceiptsDecodeFromTraceShapedAnswers() throws IOException {
        JsonNode trace = json(RpcTestServer.fixture("mainnet/traces_3573064.json.gz")).get("Trace");
        ArrayNode messages = RpcTestServer.JSON.createArrayNode();
        ArrayNode receipts = RpcTestServer.JSON.createArrayNode();
        for (JsonNode ir : trace) {
            if (!"f00".equals(ir.get("Msg").get("From").asText())) {
                messages.addObject().<ObjectNode>set("Cid", ir.get("MsgCid")).set("Message", ir.get("Msg"));
                receipts.add(ir.get("MsgRct"));
            }
        }
        server.on("Filecoin.ChainGetParentMessages", Reply.result(bytes(messages)));
        server.on("Filecoin.ChainGetParentReceipts", Reply.result(bytes(receipts)));

        List<ParentMessage> got = client.chainGetParentMessages(SOME_BLOCK);
        List<MessageReceipt> rcts = client.chainGetParentReceipts(SOME_BLOCK);

        assertThat(got).hasSize(messages.size()).hasSize(97);
        assertThat(rcts).hasSize(receipts.size());
        for (int i = 0; i < got.size(); i++) {
            JsonNode m = messages.get(i).get("Message");
            Message msg = got.get(i).message();
            assertThat(got.get(i).cid().toString()).isEqualTo(messages.get(i).get("Cid").get("/").asText());
            assertThat(msg.from()).isEqualTo(m.get("From").asText());
            assertThat(msg.to()).isEqualTo(m.get("To").asText());
            assertThat(msg.value()).isEqualTo(new BigInteger(m.get("Value").asText()));
            assertThat(msg.gasFeeCap()).isEqualTo(new BigInteger(m.get("GasFeeCap").asText()));
            assertThat(msg.gasPremium()).isEqualTo(new BigInteger(m.get("GasPremium").asText()));
            assertThat(msg.method()).isEqualTo(m.get("Method").asLong());
            assertThat(msg.nonce()).isEqualTo(m.get("Nonce").asLong());
            assertThat(msg.params()).isEqualTo(m.get("Params").isNull() ? null : Base64.getDecoder().decode(m.get("Params").asText()));
            assertThat(rcts.get(i).exitCode()).isEqualTo(receipts.get(i).get("ExitCode").asLong());
            assertThat(rcts.get(i).gasUsed()).isEqualTo(receipts.get(i).get("GasUsed").asLong());
        }
    }

    @Test
    void chainGetBlockKeepsTheAskedCid() throws IOException {
        JsonNode tipset = json(RpcTestServer.fixture("calibnet/tipset_1419335.json.gz"));
        server.on("Filecoin.ChainGetBlock", Reply.result(bytes(tipset.get("Blocks").get(1))));
        Cid cid = Cid.parse(tipset.get("Cids").get(1).get("/").asText());

        BlockHeader header = client.chainGetBlock(cid);

        assertThat(header.cid()).isEqualTo(cid);
        assertThat(header.miner()).isEqualTo(tipset.get("Blocks").get(1).get("Miner").asText());
        assertThat(header.winCount()).isEqualTo(2);
    }

    @Test
    void chainGetBlockMessagesSplitsBlsAndSecpMessages() throws IOException {
        JsonNode trace = json(RpcTestServer.fixture("calibnet/traces_1419335.json.gz")).get("Trace");
        ObjectNode answer = RpcTestServer.JSON.createObjectNode();
        answer.putArray("BlsMessages").add(trace.get(0).get("Msg"));
        ObjectNode signed = answer.putArray("SecpkMessages").addObject();
        signed.set("Message", trace.get(1).get("Msg"));
        signed.putObject("Signature").put("Type", 3).put("Data", "AAEC");
        signed.set("CID", trace.get(1).get("MsgCid"));
        answer.putArray("Cids").add(trace.get(0).get("Msg").get("CID")).add(trace.get(1).get("MsgCid"));
        server.on("Filecoin.ChainGetBlockMessages", Reply.result(bytes(answer)));

        BlockMessages bm = client.chainGetBlockMessages(SOME_BLOCK);

        assertThat(bm.blsMessages()).singleElement()
                .satisfies(m -> assertThat(m.cid().toString()).isEqualTo(trace.get(0).get("Msg").get("CID").get("/").asText()));
        assertThat(bm.secpkMessages()).singleElement().satisfies(s -> {
            assertThat(s.signature().type()).isEqualTo(3);
            assertThat(s.signature().data()).containsExactly(0, 1, 2);
            assertThat(s.message().from()).isEqualTo(trace.get(1).get("Msg").get("From").asText());
        });
        assertThat(bm.cids()).hasSize(2);
    }

    @Test
    void stateGetActorKeepsBalancesAbove2To63() throws IOException {
        JsonNode state = json(RpcTestServer.fixture("calibnet/traces_1419335.json.gz"))
                .get("Trace").get(0).get("ExecutionTrace").get("InvokedActor").get("State");
        ObjectNode answer = state.deepCopy();
        answer.set("DelegatedAddress", answer.remove("Address"));
        server.on("Filecoin.StateGetActor", Reply.result(bytes(answer)));

        Actor actor = client.stateGetActor(Address.parse("f067651"), TipSetKey.EMPTY);

        assertThat(actor.balance()).isEqualTo(new BigInteger(state.get("Balance").asText()))
                .isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(actor.code().toString()).isEqualTo(state.get("Code").get("/").asText());
        assertThat(actor.delegatedAddress()).isEqualTo(state.get("Address").asText());
        assertThat(server.received.get(0).params().toString()).isEqualTo("[\"f067651\",[]]");
    }

    @Test
    void addressMethodsUseRecordedResolutions() throws IOException {
        JsonNode vectors = RpcTestServer.JSON.readTree(
                Fixtures.ADDRESSES.resolve("address-resolution-vectors.json").toFile());
        int checked = 0;
        for (JsonNode v : vectors.get("from_tests")) {
            String method = v.get("method").asText();
            Network network = "calibnet".equals(v.get("network").asText()) ? Network.TESTNET : Network.MAINNET;
            LotusClient c = new LotusClient(LotusClientConfig.fromProperties(Map.of(
                    "lotus.url", server.url(), "lotus.network", String.valueOf(network.prefix()))::get), new SimpleMeterRegistry());
            server.on(method, v.has("error") ? Reply.error(1, v.get("error").asText()) : Reply.result(bytes(v.get("result"))));
            Address param = Address.parse(v.get("params").get(0).asText());
            java.util.function.Supplier<String> call = switch (method) {
                case "Filecoin.StateLookupID" -> () -> c.stateLookupId(param, TipSetKey.EMPTY).toString(network);
                case "Filecoin.StateAccountKey" -> () -> c.stateAccountKey(param, TipSetKey.EMPTY).toString(network);
                case "Filecoin.FilecoinAddressToEthAddress" -> () -> c.filecoinAddressToEthAddress(param);
                default -> null;
            };
            if (call == null) {
                continue;
            }
            if (v.has("error")) {
                // "actor code is not account": a real RPC error, but not a missing actor
                assertThatThrownBy(call::get).isExactlyInstanceOf(LotusRpcException.class);
            } else {
                assertThat(call.get()).as(method + " " + param).isEqualTo(v.get("result").asText());
            }
            String sent = server.received.get(server.received.size() - 1).params().get(0).asText();
            assertThat(sent).isEqualTo(v.get("params").get(0).asText());
            checked++;
        }
        assertThat(checked).isEqualTo(9);
    }

    @Test
    void testnetPrefixIsUsedForAddressParameters() {
        LotusClient calib = new LotusClient(LotusClientConfig.fromProperties(Map.of(
                "lotus.url", server.url(), "lotus.network", "t")::get), new SimpleMeterRegistry());
        String robust = Address.parse("f2js6qoiymeyhrhglv7v7vzz6ty2innm3u3aqd2aq").toString(Network.TESTNET);
        server.on("Filecoin.StateLookupRobustAddress", Reply.result(("\"" + robust + "\"").getBytes()));

        Address got = calib.stateLookupRobustAddress(Address.parse("f01234"), TipSetKey.EMPTY);

        assertThat(got.toString(Network.TESTNET)).isEqualTo(robust).startsWith("t2");
        assertThat(server.received.get(0).params().get(0).asText()).isEqualTo("t01234");
    }

    @Test
    void smallMethodsDecodeTheDocumentedShapes() {
        server.on("Filecoin.Version", Reply.result("{\"Version\":\"1.26.0-rc1+calibnet+git.64b32ad63\",\"APIVersion\":131840,\"BlockDelay\":30}".getBytes()));
        server.on("Filecoin.StateNetworkVersion", Reply.result("21".getBytes()));
        server.on("Filecoin.StateActorCodeCIDs", Reply.result(
                "{\"evm\":{\"/\":\"bafk2bzaced4sozr7m6rzcgpobzeiupghthfw6afumysu3oz6bxxirv74uo3vw\"}}".getBytes()));
        server.on("Filecoin.ChainGetEvents", Reply.result(
                "[{\"Emitter\":67651,\"Entries\":[{\"Flags\":3,\"Key\":\"t1\",\"Codec\":85,\"Value\":\"AAE=\"}]}]".getBytes()));
        server.on("Filecoin.EthGetCode", Reply.result("\"0x6080\"".getBytes()));
        server.on("Filecoin.EthCall", Reply.result("\"0x\"".getBytes()));
        server.on("Filecoin.EthAddressToFilecoinAddress", Reply.result("\"f410fazjdjy3l32rrlnavap6uljckuvjl7f4ziticsca\"".getBytes()));

        assertThat(client.version()).isEqualTo(new NodeVersion("1.26.0-rc1+calibnet+git.64b32ad63", 131840, 30));
        assertThat(client.stateNetworkVersion(TipSetKey.EMPTY)).isEqualTo(21);
        assertThat(client.stateActorCodeCids(21)).containsEntry("evm",
                Cid.parse("bafk2bzaced4sozr7m6rzcgpobzeiupghthfw6afumysu3oz6bxxirv74uo3vw"));
        assertThat(client.chainGetEvents(SOME_BLOCK)).singleElement().satisfies(e -> {
            assertThat(e.emitter()).isEqualTo(67651);
            assertThat(e.entries().get(0).value()).containsExactly(0, 1);
        });
        assertThat(client.ethGetCode("0x065234e36bdea315b41503fd45a44aa552bf9799", "latest")).containsExactly(0x60, 0x80);
        assertThat(client.ethCall(EthCallRequest.call("0x065234e36bdea315b41503fd45a44aa552bf9799", "0x06fdde03"), "latest")).isEmpty();
        assertThat(client.ethAddressToFilecoinAddress("0x0652...").toString()).isEqualTo("f410fazjdjy3l32rrlnavap6uljckuvjl7f4ziticsca");
        assertThat(server.received.stream().filter(r -> r.method().equals("Filecoin.EthCall")).findFirst().orElseThrow()
                .params().toString())
                .isEqualTo("[{\"to\":\"0x065234e36bdea315b41503fd45a44aa552bf9799\",\"data\":\"0x06fdde03\"},\"latest\"]");
    }

    private static List<String> textList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
