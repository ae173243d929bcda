package replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The recorded mode over the wire, every expected value read from the recordings. */
class RecordedReplayTest {
    private static ReplayNode calibnet;
    private static ReplayNode mainnet;

    @BeforeAll
    static void start() {
        calibnet = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET));
        mainnet = ReplayNode.start(ReplayConfig.of(Fixtures.MAINNET));
    }

    @AfterAll
    static void stop() {
        calibnet.close();
        mainnet.close();
    }

    static Stream<Arguments> recordedHeights() {
        return Stream.of(Fixtures.CALIBNET, Fixtures.MAINNET)
                .flatMap(dir -> Fixtures.heights(dir, "tipset").stream().map(h -> Arguments.of(dir.getFileName().toString(), h)));
    }

    static Stream<Arguments> tracedHeights() {
        return Stream.of(Fixtures.CALIBNET, Fixtures.MAINNET)
                .flatMap(dir -> Fixtures.heights(dir, "traces").stream().map(h -> Arguments.of(dir.getFileName().toString(), h)));
    }

    private static ReplayNode node(String network) {
        return network.equals("calibnet") ? calibnet : mainnet;
    }

    private static Path dir(String network) {
        return Fixtures.LOTUS.resolve(network);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("recordedHeights")
    void everyRecordedHeightIsServedAsRecorded(String network, long height) {
        RawRpc rpc = new RawRpc(node(network).url());
        JsonNode expected = Fixtures.tipset(dir(network), height);
        assertThat(rpc.call("Filecoin.ChainGetTipSetByHeight", height, null).result()).isEqualTo(expected);
        assertThat(rpc.call("Filecoin.ChainGetTipSet", RawRpc.key(expected)).result()).isEqualTo(expected);
        for (int i = 0; i < expected.get("Cids").size(); i++) {
            assertThat(rpc.call("Filecoin.ChainGetBlock", expected.get("Cids").get(i)).result())
                    .isEqualTo(expected.get("Blocks").get(i));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tracedHeights")
    void stateComputeIsTheRecordedTraceByteForByte(String network, long height) {
        RawRpc rpc = new RawRpc(node(network).url());
        JsonNode ts = Fixtures.tipset(dir(network), height);
        RawRpc.Reply reply = rpc.call("Filecoin.StateCompute", height, List.of(), RawRpc.key(ts));
        assertThat(reply.status()).isEqualTo(200);
        byte[] recorded = Fixtures.raw(dir(network), "traces", height);
        String head = "{\"jsonrpc\":\"2.0\",\"result\":";
        assertThat(new String(reply.body(), 0, head.length())).isEqualTo(head);
        assertThat(java.util.Arrays.copyOfRange(reply.body(), head.length(), head.length() + recorded.length)).isEqualTo(recorded);
    }

    @Test
    void chainHeadIsTheHighestRecordedHeight() {
        List<Long> heights = Fixtures.heights(Fixtures.CALIBNET, "tipset");
        JsonNode head = new RawRpc(calibnet.url()).call("Filecoin.ChainHead").result();
        assertThat(head).isEqualTo(Fixtures.tipset(Fixtures.CALIBNET, heights.get(heights.size() - 1)));
    }

    @Test
    void heightsBetweenRecordingsAnswerTheNearestRecordedTipsetBelow() {
        List<Long> heights = Fixtures.heights(Fixtures.CALIBNET, "tipset");
        RawRpc rpc = new RawRpc(calibnet.url());
        for (int i = 0; i + 1 < heights.size(); i++) {
            long between = heights.get(i + 1) - 1;
            if (between > heights.get(i)) {
                assertThat(rpc.call("Filecoin.ChainGetTipSetByHeight", between, null).result().get("Height").asLong())
                        .isEqualTo(heights.get(i));
            }
        }
    }

    @Test
    void heightsAboveTheHeadFailLikeLotus() {
        List<Long> heights = Fixtures.heights(Fixtures.CALIBNET, "tipset");
        RawRpc.Reply r = new RawRpc(calibnet.url()).call("Filecoin.ChainGetTipSetByHeight", heights.get(heights.size() - 1) + 1,
                null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.error().get("code").asInt()).isEqualTo(1);
        assertThat(r.error().get("message").asText()).isEqualTo("looking for tipset with height greater than start point");
    }

    @Test
    void heightsBelowTheFirstRecordingAreNotInvented() {
        long first = Fixtures.heights(Fixtures.CALIBNET, "tipset").get(0);
        RawRpc.Reply r = new RawRpc(calibnet.url()).call("Filecoin.ChainGetTipSetByHeight", first - 1, null);
        assertThat(r.error().get("code").asInt()).isEqualTo(1);
        assertThat(r.result()).isNull();
    }

    @Test
    void unknownMethodsAreMethodNotFound() {
        RawRpc.Reply r = new RawRpc(calibnet.url()).call("Filecoin.NoSuchMethod");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.error().get("code").asInt()).isEqualTo(-32601);
        assertThat(r.error().get("message").asText()).isEqualTo("method 'Filecoin.NoSuchMethod' not found");
        assertThat(r.json().get("id").asInt()).isEqualTo(7);
    }

    @Test
    void malformedRequestsAreParseErrors() {
        RawRpc.Reply r = new RawRpc(calibnet.url()).post("{not json");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.error().get("code").asInt()).isEqualTo(-32700);
    }

    @Test
    void unknownBlocksAndTipsetsAreNotFound() {
        String unknown = "bafy2bzacecnluhsw3btrjquoqgseubsewmhs5q7qb65kw72kh5mt7vaylzvxy";
        RawRpc rpc = new RawRpc(calibnet.url());
        assertThat(rpc.call("Filecoin.ChainGetBlock", RawRpc.cid(unknown)).error().get("message").asText())
                .isEqualTo("ipld: could not find " + unknown);
        assertThat(rpc.call("Filecoin.ChainGetTipSet", List.of(RawRpc.cid(unknown))).error().get("message").asText())
                .contains("ipld: could not find " + unknown);
    }

    @Test
    void versionComesFromTheRecordedMetadata() {
        JsonNode meta = Fixtures.json(Fixtures.MAINNET, "metadata", 3573064);
        JsonNode v = new RawRpc(mainnet.url()).call("Filecoin.Version").result();
        assertThat(v.get("Version").asText()).isEqualTo(meta.get("node_full_version").asText());
        assertThat(v.get("APIVersion").asLong()).isEqualTo(NodeFacts.FULL_API_VERSION);
        assertThat(v.get("BlockDelay").asLong()).isEqualTo(30);
    }

    @Test
    void networkNameIsLotusName() {
        assertThat(new RawRpc(mainnet.url()).call("Filecoin.StateNetworkName").result().asText()).isEqualTo("testnetnet");
        assertThat(new RawRpc(calibnet.url()).call("Filecoin.StateNetworkName").result().asText()).isEqualTo("calibrationnet");
    }

    @Test
    void stateComputeOfATipsetWithoutTracesIsAnErrorNotAnInvention() {
        List<Long> traced = Fixtures.heights(Fixtures.MAINNET, "traces");
        long untraced = Fixtures.heights(Fixtures.MAINNET, "tipset").stream().filter(h -> !traced.contains(h)).findFirst()
                .orElseThrow();
        JsonNode ts = Fixtures.tipset(Fixtures.MAINNET, untraced);
        RawRpc.Reply r = new RawRpc(mainnet.url()).call("Filecoin.StateCompute", untraced, List.of(), RawRpc.key(ts));
        assertThat(r.result()).isNull();
        assertThat(r.error().get("code").asInt()).isEqualTo(1);
    }

    @Test
    void batchesAnswerEachCallInOrder() {
        RawRpc.Reply r = new RawRpc(calibnet.url()).post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.StateNetworkName\","
                + "\"params\":[]},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"Filecoin.Nope\",\"params\":[]}]");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get(0).get("result").asText()).isEqualTo("calibrationnet");
        assertThat(r.json().get(1).get("error").get("code").asInt()).isEqualTo(-32601);
        assertThat(r.json().get(1).get("id").asInt()).isEqualTo(2);
    }

    @Test
    void tooManyParamsIsInvalidParams() {
        RawRpc.Reply r = new RawRpc(calibnet.url()).call("Filecoin.ChainGetBlock", RawRpc.cid(
                "bafy2bzacecnluhsw3btrjquoqgseubsewmhs5q7qb65kw72kh5mt7vaylzvxy"), 1);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.error().get("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void aTokenIsCheckedBeforeAnything() {
        try (ReplayNode guarded = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET).withToken("t0ken"))) {
            assertThat(new RawRpc(guarded.url()).call("Filecoin.ChainHead").status()).isEqualTo(401);
            assertThat(new RawRpc(guarded.url(), "wrong").call("Filecoin.ChainHead").status()).isEqualTo(401);
            assertThat(new RawRpc(guarded.url(), "t0ken").call("Filecoin.ChainHead").status()).isEqualTo(200);
        }
    }

    @Test
    void theChildBlockRpcNamesTheDocumentedCid() {
        JsonNode head = new RawRpc(calibnet.url()).call("Filecoin.ChainHead").result();
        List<String> key = new java.util.ArrayList<>();
        head.get("Cids").forEach(c -> key.add(c.get("/").asText()));
        JsonNode child = new RawRpc(calibnet.url()).call("Replay.ChildBlock", RawRpc.key(head)).result();
        assertThat(child.get("/").asText()).isEqualTo(ReplayNode.childBlockCid(key));
    }

    @Test
    void logsOfUnrecordedRangesAreAnErrorNotAnEmptyList() {
        long first = Fixtures.heights(Fixtures.CALIBNET, "ethlog").get(0);
        java.util.Map<String, String> filter = java.util.Map.of("fromBlock", "0x" + Long.toHexString(first - 100), "toBlock",
                "0x" + Long.toHexString(first - 1));
        RawRpc.Reply r = new RawRpc(calibnet.url()).call("Filecoin.EthGetLogs", filter);
        assertThat(r.result()).isNull();
        assertThat(r.error().get("message").asText()).contains("not recorded");
    }

    @Test
    void theCommandLineBuildsTheSameConfig() {
        ReplayConfig c = LotusReplayMain.parse(List.of("--fixtures", Fixtures.CALIBNET.toString(), "--port", "0", "--prefix", "t",
                "--synthetic", "100", "--length", "50", "--null-every", "5", "--reorg-depth", "2", "--reorg-after-requests", "9",
                "--fail-height", "120:2:http_503"));
        assertThat(c.prefix()).isEqualTo('t');
        assertThat(c.network()).isEqualTo("calibnet");
        assertThat(c.synthetic()).isEqualTo(SyntheticOptions.of(100, 50).withNullEvery(5).withReorgAfterRequests(2, 9));
        assertThat(c.faults().failures()).containsExactly(new Faults.FailHeight(120, 2, Faults.Kind.HTTP_503));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LotusReplayMain.parse(List.of("--fixtures", "/nonexistent")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutFixturesTheRepositorysMainnetRecordingsAreServed() {
        ReplayConfig c = LotusReplayMain.parse(List.of("--port", "0"));
        assertThat(c.fixtures()).isEqualTo(Fixtures.MAINNET.toAbsolutePath().normalize());
        assertThat(c.network()).isEqualTo("mainnet");
        assertThat(c.addressVectors()).isNotNull();
    }

    @Test
    void anyDirectoryOfThatLayoutIsServed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (String f : List.of("tipset_14107.json.gz", "traces_14107.json.gz", "tipset_38895.json.gz")) {
            java.nio.file.Files.copy(Fixtures.CALIBNET.resolve(f), dir.resolve(f));
        }
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(dir))) {
            RawRpc rpc = new RawRpc(node.url());
            assertThat(rpc.call("Filecoin.ChainHead").result()).isEqualTo(Fixtures.tipset(Fixtures.CALIBNET, 38895));
            assertThat(rpc.call("Filecoin.StateCompute", 14107, List.of(), null).result())
                    .isEqualTo(Fixtures.json(Fixtures.CALIBNET, "traces", 14107));
            assertThat(rpc.call("Filecoin.StateCompute", 38895, List.of(), null).error().get("message").asText())
                    .contains("not recorded");
            assertThat(rpc.call("Filecoin.Version").result().get("Version").asText()).isEqualTo(NodeFacts.UNRECORDED_VERSION);
            assertThat(rpc.call("Filecoin.StateNetworkName").error().get("code").asInt()).isEqualTo(1);
        }
    }
}
