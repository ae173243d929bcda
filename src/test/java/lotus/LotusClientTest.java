package lotus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.cid.Cid;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import lotus.RpcTestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LotusClientTest {
    private RpcTestServer server;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() throws IOException {
        server = new RpcTestServer();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LotusClient client() {
        return client(LotusClientConfig.of(server.url()).withRetries(3, Duration.ofMillis(20), Duration.ofMillis(50)));
    }

    private LotusClient client(LotusClientConfig config) {
        return new LotusClient(config, registry);
    }

    @Test
    void decodesRecordedTipsetWithExactValues() throws IOException {
        byte[] recorded = RpcTestServer.fixture("mainnet/tipset_3573064.json.gz");
        server.on("Filecoin.ChainGetTipSetByHeight", Reply.result(recorded));

        TipSet ts = client().chainGetTipSetByHeight(3573064, TipSetKey.EMPTY);

        JsonNode raw = RpcTestServer.JSON.readTree(recorded);
        assertThat(ts.height()).isEqualTo(raw.get("Height").asLong());
        assertThat(ts.blocks()).hasSize(raw.get("Blocks").size());
        for (int i = 0; i < ts.blocks().size(); i++) {
            JsonNode b = raw.get("Blocks").get(i);
            BlockHeader h = ts.blocks().get(i);
            assertThat(h.cid().toString()).isEqualTo(raw.get("Cids").get(i).get("/").asText());
            assertThat(h.miner()).isEqualTo(b.get("Miner").asText());
            assertThat(h.parentWeight()).isEqualTo(new BigInteger(b.get("ParentWeight").asText()));
            assertThat(h.parentBaseFee()).isEqualTo(new BigInteger(b.get("ParentBaseFee").asText()));
            assertThat(h.winCount()).isEqualTo(b.get("ElectionProof").get("WinCount").asLong());
            assertThat(h.timestamp()).isEqualTo(b.get("Timestamp").asLong());
            assertThat(h.parentStateRoot().toString()).isEqualTo(b.get("ParentStateRoot").get("/").asText());
            assertThat(h.parentMessageReceipts().toString()).isEqualTo(b.get("ParentMessageReceipts").get("/").asText());
            assertThat(h.messages().toString()).isEqualTo(b.get("Messages").get("/").asText());
            assertThat(h.parents()).extracting(Cid::toString)
                    .containsExactlyElementsOf(b.get("Parents").findValuesAsText("/"));
        }
        JsonNode params = server.received.get(0).params();
        assertThat(params.toString()).isEqualTo("[3573064,[]]");
    }

    @Test
    void sendsTipSetKeysAsCidObjectsAndTheBearerToken() {
        byte[] recorded = RpcTestServer.fixture("calibnet/tipset_1419335.json.gz");
        server.on("Filecoin.ChainGetTipSet", Reply.result(recorded));
        LotusClient client = client(LotusClientConfig.of(server.url()).withToken("s3cret"));

        TipSet ts = client.chainGetTipSet(TipSetKey.of(Cid.parse("bafy2bzacediomzwjij2s4neqshzfo6sq2odr55ltdifpy4qqkxzlhh5i5bf2i")));

        assertThat(ts.key().cids()).hasSize(2);
        RpcTestServer.Received r = server.received.get(0);
        assertThat(r.authorization()).isEqualTo("Bearer s3cret");
        assertThat(r.params().toString())
                .isEqualTo("[[{\"/\":\"bafy2bzacediomzwjij2s4neqshzfo6sq2odr55ltdifpy4qqkxzlhh5i5bf2i\"}]]");
        assertThat(client.config().toString()).doesNotContain("s3cret");
    }

    @Test
    void noTokenMeansNoAuthorizationHeader() {
        server.on("Filecoin.StateNetworkName", Reply.result("\"calibrationnet\"".getBytes()));
        assertThat(client().stateNetworkName()).isEqualTo("calibrationnet");
        assertThat(server.received.get(0).authorization()).isNull();
    }

    @Test
    void streamsStateComputeToTheReaderWithoutATree() throws IOException {
        byte[] recorded = RpcTestServer.fixture("mainnet/traces_3573064.json.gz");
        server.on("Filecoin.StateCompute", Reply.result(recorded));
        JsonNode raw = RpcTestServer.JSON.readTree(recorded);

        // counts the Trace elements token by token, the way a streaming trace reader walks them
        ResultReader<Integer> countTraces = p -> {
            int count = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("Trace".equals(name)) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.skipChildren();
                        count++;
                    }
                } else {
                    p.skipChildren();
                }
            }
            return count;
        };
        int count = client().stateCompute(3573064, TipSetKey.EMPTY, countTraces);

        assertThat(count).isEqualTo(raw.get("Trace").size()).isEqualTo(101);
        assertThat(server.received.get(0).params().toString()).isEqualTo("[3573064,[],[]]");
    }

    @Test
    void aReaderThatStopsEarlyStillLeavesAUsableClient() {
        byte[] recorded = RpcTestServer.fixture("mainnet/traces_3573064.json.gz");
        server.on("Filecoin.StateCompute", Reply.result(recorded));
        server.on("Filecoin.StateNetworkName", Reply.result("\"mainnet\"".getBytes()));
        LotusClient client = client();

        String root = client.stateCompute(1, TipSetKey.EMPTY, (JsonParser p) -> {
            p.nextToken();
            p.nextToken();
            return ((JsonNode) p.readValueAsTree()).get("/").asText();
        });

        assertThat(root).startsWith("bafy");
        assertThat(client.stateNetworkName()).isEqualTo("mainnet");
    }

    @Test
    void methodNotFoundIsMethodNotAvailableAndNotRetried() {
        assertThatThrownBy(() -> client().stateCompute(1, TipSetKey.EMPTY, ResultReader.tree()))
                .isInstanceOf(LotusMethodNotAvailableException.class)
                .satisfies(e -> assertThat(((LotusRpcException) e).code()).isEqualTo(-32601));
        assertThat(server.calls("Filecoin.StateCompute")).isEqualTo(1);
        assertThat(registry.get(RpcMetrics.ERRORS).tags("method", "StateCompute", "kind", "method_not_available")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void gatewayRefusalsAreMethodNotAvailable() {
        server.on("Filecoin.StateCompute", Reply.error(1, "method not supported by this gateway"));
        server.on("Filecoin.StateReplay", Reply.status(403, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1,\"message\":\"StateReplay not allowed\"}}"));
        LotusClient client = client();
        assertThatThrownBy(() -> client.stateCompute(1, TipSetKey.EMPTY, ResultReader.tree()))
                .isInstanceOf(LotusMethodNotAvailableException.class);
        assertThatThrownBy(() -> client.stateReplay(TipSetKey.EMPTY,
                Cid.parse("bafy2bzacediomzwjij2s4neqshzfo6sq2odr55ltdifpy4qqkxzlhh5i5bf2i"), ResultReader.tree()))
                .isInstanceOf(LotusMethodNotAvailableException.class);
    }

    @Test
    void notFoundAndLookbackAreTypedAndNeverRetried() {
        server.on("Filecoin.StateGetActor", Reply.error(1, "resolution lookup failed (f1abc): resolve address f1abc: actor not found"));
        server.on("Filecoin.ChainGetTipSetByHeight",
                Reply.error(1, "bad tipset height: lookbacks of more than 24h0m0s are disallowed"));
        server.on("Filecoin.ChainHead", Reply.error(1, "some other failure"));
        LotusClient client = client();

        assertThatThrownBy(() -> client.stateGetActor(codec.address.Address.id(1234), TipSetKey.EMPTY))
                .isInstanceOf(LotusNotFoundException.class)
                .hasMessageContaining("actor not found");
        assertThatThrownBy(() -> client.chainGetTipSetByHeight(10, TipSetKey.EMPTY))
                .isInstanceOf(LotusLookbackLimitException.class);
        assertThatThrownBy(client::chainHead)
                .isExactlyInstanceOf(LotusRpcException.class);
        assertThat(server.received).hasSize(3);
        assertThat(server.received.get(0).params().get(0).asText()).isEqualTo("f01234");
    }

    @Test
    void retriesGatewayErrorsWithBackoffThenSucceeds() {
        server.on("Filecoin.StateNetworkName",
                Reply.status(502, "bad gateway"), Reply.status(503, "busy"), Reply.status(504, "slow"),
                Reply.result("\"mainnet\"".getBytes()));
        long start = System.nanoTime();

        assertThat(client().stateNetworkName()).isEqualTo("mainnet");

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(20 + 40 + 50); // 20ms doubling, capped at 50ms
        assertThat(server.calls("Filecoin.StateNetworkName")).isEqualTo(4);
        assertThat(registry.get(RpcMetrics.RETRIES).tag("method", "StateNetworkName").counter().count()).isEqualTo(3.0);
        assertThat(registry.find(RpcMetrics.ERRORS).counters()).isEmpty();
    }

    @Test
    void givesUpAfterMaxRetries() {
        server.on("Filecoin.StateNetworkName", Reply.status(503, "busy"));
        assertThatThrownBy(() -> client().stateNetworkName())
                .isInstanceOf(LotusTransportException.class)
                .satisfies(e -> assertThat(((LotusTransportException) e).httpStatus()).isEqualTo(503));
        assertThat(server.calls("Filecoin.StateNetworkName")).isEqualTo(4);
        assertThat(registry.get(RpcMetrics.ERRORS).tags("method", "StateNetworkName", "kind", "transport")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void otherHttpStatusesAreFinal() {
        server.on("Filecoin.ChainHead", Reply.status(401, "missing token"));
        assertThatThrownBy(() -> client().chainHead())
                .isInstanceOf(LotusTransportException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("lotus.token");
        assertThat(server.calls("Filecoin.ChainHead")).isEqualTo(1);
    }

    @Test
    void connectFailuresAreRetriedThenReported() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LotusClient client = client(LotusClientConfig.of("http://127.0.0.1:" + port + "/rpc/v1")
                .withRetries(2, Duration.ofMillis(5), Duration.ofMillis(5)));
        assertThatThrownBy(client::chainHead)
                .isInstanceOf(LotusTransportException.class)
                .satisfies(e -> assertThat(((LotusTransportException) e).stage())
                        .isEqualTo(LotusTransportException.Stage.CONNECT));
        assertThat(registry.get(RpcMetrics.RETRIES).tag("method", "ChainHead").counter().count()).isEqualTo(2.0);
    }

    @Test
    void readTimeoutsAreRetriedForReadsOnly() {
        server.on("Filecoin.StateNetworkName", Reply.result("\"slow\"".getBytes()).delayed(2500),
                Reply.result("\"mainnet\"".getBytes()));
        server.on("Replay.AdvanceHead", Reply.result("null".getBytes()).delayed(2500));
        LotusClient client = client(LotusClientConfig.of(server.url())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(600))
                .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(10)));

        assertThat(client.stateNetworkName()).isEqualTo("mainnet");
        assertThat(server.calls("Filecoin.StateNetworkName")).isEqualTo(2);

        assertThatThrownBy(() -> client.call("Replay.AdvanceHead", ResultReader.tree()))
                .isInstanceOf(LotusTransportException.class)
                .hasMessageContaining("lotus.read-timeout");
        assertThat(server.calls("Replay.AdvanceHead")).isEqualTo(1);
    }

    @Test
    void malformedAnswersAreProtocolErrors() {
        server.on("Filecoin.ChainHead", Reply.raw("[1,2]"));
        server.on("Filecoin.StateNetworkName", Reply.raw("{\"jsonrpc\":\"2.0\"}"));
        server.on("Filecoin.StateNetworkVersion", Reply.raw("{\"jsonrpc\":\"2.0\",\"id\":987654,\"result\":21}"));
        server.on("Filecoin.ChainGetTipSet", Reply.result("{\"Cids\":[{\"/\":\"notacid\"}],\"Blocks\":[{}],\"Height\":1}".getBytes()));
        server.on("Filecoin.Version", Reply.raw("{\"jsonrpc\":\"2.0\",\"result\":{\"Version\":"));
        LotusClient client = client();
        assertThatThrownBy(client::chainHead).isInstanceOf(LotusProtocolException.class);
        assertThatThrownBy(client::stateNetworkName).isInstanceOf(LotusProtocolException.class);
        assertThatThrownBy(() -> client.chainGetTipSet(TipSetKey.EMPTY)).isInstanceOf(LotusProtocolException.class);
        assertThatThrownBy(client::version).isInstanceOf(LotusProtocolException.class);
        assertThatThrownBy(() -> client.stateNetworkVersion(TipSetKey.EMPTY))
                .isInstanceOf(LotusProtocolException.class).hasMessageContaining("987654");
        assertThat(registry.get(RpcMetrics.ERRORS).tags("method", "ChainHead", "kind", "protocol")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void checkSyncComparesTheHeadTimestampWithTheTolerance() {
        byte[] recorded = RpcTestServer.fixture("calibnet/tipset_1419335.json.gz");
        server.on("Filecoin.ChainHead", Reply.result(recorded));
        long headTime = 1709906430L; // Timestamp of the recorded blocks
        LotusClientConfig config = LotusClientConfig.of(server.url()).withSyncTolerance(Duration.ofSeconds(90));

        LotusClient fresh = new LotusClient(config, registry, Clock.fixed(Instant.ofEpochSecond(headTime + 60), ZoneOffset.UTC));
        assertThat(fresh.checkSync().height()).isEqualTo(1419335);

        LotusClient stale = new LotusClient(config, registry, Clock.fixed(Instant.ofEpochSecond(headTime + 600), ZoneOffset.UTC));
        assertThatThrownBy(stale::checkSync)
                .isInstanceOf(LotusOutOfSyncException.class)
                .satisfies(e -> assertThat(((LotusOutOfSyncException) e).lag()).isEqualTo(Duration.ofSeconds(600)));
        assertThat(registry.get(RpcMetrics.ERRORS).tags("method", "ChainHead", "kind", "out_of_sync")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void keepsTheConnectionAliveAcrossCalls() {
        server.on("Filecoin.ChainHead", Reply.result(RpcTestServer.fixture("calibnet/tipset_1419335.json.gz")));
        server.on("Filecoin.StateCompute", Reply.result(RpcTestServer.fixture("calibnet/traces_1419335.json.gz")));
        server.on("Filecoin.ChainGetTipSetByHeight", Reply.error(1, "actor not found"));
        LotusClient client = client();
        for (int i = 0; i < 5; i++) {
            client.chainHead();
            client.stateCompute(1, TipSetKey.EMPTY, ResultReader.tree());
            assertThatThrownBy(() -> client.chainGetTipSetByHeight(1, TipSetKey.EMPTY)).isInstanceOf(LotusNotFoundException.class);
        }
        assertThat(server.received).hasSize(15);
        assertThat(server.received.stream().map(RpcTestServer.Received::clientPort).distinct()).hasSize(1);
    }

    @Test
    void oneClientServesManyThreads() throws Exception {
        byte[] recorded = RpcTestServer.fixture("calibnet/tipset_1419335.json.gz");
        server.on("Filecoin.ChainGetTipSetByHeight", Reply.result(recorded));
        LotusClient client = client();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Long>> heights = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                heights.add(pool.submit(() -> client.chainGetTipSetByHeight(1419335, TipSetKey.EMPTY).height()));
            }
            for (java.util.concurrent.Future<Long> h : heights) {
                assertThat(h.get()).isEqualTo(1419335L);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.get(RpcMetrics.LATENCY).tag("method", "ChainGetTipSetByHeight").timer().count()).isEqualTo(80);
    }

    @Test
    void latencyIsTimedPerMethod() {
        server.on("Filecoin.StateNetworkName", Reply.result("\"mainnet\"".getBytes()));
        LotusClient client = client();
        client.stateNetworkName();
        client.stateNetworkName();
        assertThat(registry.get(RpcMetrics.LATENCY).tag("method", "StateNetworkName").timer().count()).isEqualTo(2);
    }
}
