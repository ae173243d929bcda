package rosetta;

import static org.assertj.core.api.Assertions.assertThat;

import api.ApiJson;
import api.RawFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import testsupport.Fixtures;

/**
 * The Rosetta API over the recorded mainnet heights indexed by the real pipeline: every answer
 * validates against the specification's OpenAPI document (checked by {@link RosettaClient} as it
 * arrives), and the values are compared with what this test reads from the raw recordings: block
 * hashes with the Ethereum block hashes of the recorded logs, transactions with the traces, fees
 * with the traces' gas costs.
 */
class RosettaRecordedBlocksTest {
    static final List<Long> HEIGHTS = List.of(2907480L, 3140097L, 3573062L, 3573064L);
    /** Not recorded, between two recorded heights: the replay node answers it as a null round. */
    static final long NULL_ROUND = 3573063L;

    @RegisterExtension
    static final RecordedRosetta API = new RecordedRosetta("mainnet", withNullRound(), "rosetta_recorded_mainnet", "mainnet");
    private static RosettaClient rosetta;

    @BeforeAll
    static void client() {
        rosetta = API.client();
    }

    private static List<Long> withNullRound() {
        List<Long> all = new ArrayList<>(HEIGHTS);
        all.add(NULL_ROUND);
        return all;
    }

    @Test
    void theValidatorRejectsWhatTheSpecificationDoesNot() {
        // the checks below mean something only if the validator can fail
        assertThat(RosettaSpec.problemsAs("Error", ApiJson.object().put("code", "x"))).isNotEmpty();
        ObjectNode block = ApiJson.object();
        block.putObject("block").put("timestamp", 1);
        assertThat(RosettaSpec.problems("/block", 200, block)).isNotEmpty();
        assertThat(RosettaSpec.problems("/block", 200, ApiJson.object())).isEmpty();
    }

    @Test
    void networkListStatusAndOptions() throws Exception {
        JsonNode list = rosetta.ok("/network/list", ApiJson.object());
        assertThat(list.path("network_identifiers")).hasSize(1);
        assertThat(list.at("/network_identifiers/0")).isEqualTo(rosetta.networkIdentifier());

        JsonNode status = rosetta.ok("/network/status", rosetta.request());
        // the newest contiguous run of indexed heights is 3573062..3573064
        assertThat(status.at("/current_block_identifier/index").asLong()).isEqualTo(3573064L);
        assertThat(status.at("/current_block_identifier/hash").asText()).isEqualTo(blockHashCid(3573064L));
        assertThat(status.at("/oldest_block_identifier/index").asLong()).isEqualTo(3573062L);
        assertThat(status.at("/sync_status/current_index").asLong()).isEqualTo(3573064L);
        // no follow job in this server: no head to sync to, so neither target nor synced is claimed
        assertThat(status.at("/sync_status").has("target_index")).isFalse();
        assertThat(status.at("/sync_status").has("synced")).isFalse();
        assertThat(status.path("current_block_timestamp").asLong())
                .isEqualTo(new RawFixtures("mainnet", 3573064L).tipset.at("/Blocks/0/Timestamp").asLong() * 1000);
        JsonNode genesis = readJson(Fixtures.LOTUS.resolve("genesis/mainnet_genesis_tipset.json"));
        assertThat(status.at("/genesis_block_identifier/index").asLong()).isZero();
        assertThat(RosettaNetwork.MAINNET_GENESIS).isEqualTo(genesis.at("/Cids/0/~1").asText());

        JsonNode options = rosetta.ok("/network/options", rosetta.request());
        assertThat(options.at("/allow/historical_balance_lookup").asBoolean()).isTrue();
        List<String> types = new ArrayList<>();
        options.at("/allow/operation_types").forEach(t -> types.add(t.asText()));
        assertThat(types).contains("Fee", "Transfer", "Miner tip", "Miner reward", "Miner penalty", "Burn").doesNotHaveDuplicates();
        Set<Integer> codes = new HashSet<>();
        Set<String> messages = new HashSet<>();
        options.at("/allow/errors").forEach(e -> {
            codes.add(e.path("code").asInt());
            messages.add(e.path("message").asText());
        });
        assertThat(codes).as("unique error codes").hasSize(options.at("/allow/errors").size());
        assertThat(messages).as("unique error messages").hasSize(options.at("/allow/errors").size());
        assertThat(rosetta.problems()).isEmpty();
    }

    @Test
    void blocksMatchTheRecordings() throws Exception {
        for (long height : HEIGHTS) {
            RawFixtures raw = new RawFixtures("mainnet", height);
            JsonNode block = rosetta.ok("/block", blockRequest(height, null)).path("block");
            assertThat(block.at("/block_identifier/index").asLong()).isEqualTo(height);
            String hash = block.at("/block_identifier/hash").asText();
            assertThat(digestHex(hash)).as("tipset key CID digest = recorded Ethereum block hash").isEqualTo(ethBlockHash(height));
            assertThat(block.path("timestamp").asLong()).isEqualTo(raw.tipset.at("/Blocks/0/Timestamp").asLong() * 1000);
            List<String> parents = new ArrayList<>();
            raw.tipset.at("/Blocks/0/Parents").forEach(p -> parents.add(p.path("/").asText()));
            assertThat(block.at("/parent_block_identifier/hash").asText()).isEqualTo(codec.cid.TipSetKeyCid.of(parents));
            assertThat(block.at("/parent_block_identifier/index").asLong()).isLessThan(height);

            // one transaction per executed message, in execution order
            List<String> expected = raw.traces.stream().map(RawFixtures::msgCid).toList();
            List<String> got = new ArrayList<>();
            block.path("transactions").forEach(t -> got.add(t.at("/transaction_identifier/hash").asText()));
            assertThat(got).as("transactions of " + height).isEqualTo(expected);
            for (int i = 0; i < raw.traces.size(); i++) {
                checkTransaction(raw.traces.get(i), block.path("transactions").get(i));
            }
            // by hash alone, the same block
            assertThat(rosetta.ok("/block", blockRequest(null, hash)).path("block")).isEqualTo(block);
        }
        assertThat(rosetta.problems()).isEmpty();
    }

    /** Operations of one message against its trace: sums, fees, the top-level transfer, the identifiers. */
    private static void checkTransaction(JsonNode trace, JsonNode tx) {
        String cid = RawFixtures.msgCid(trace);
        JsonNode ops = tx.path("operations");
        BigInteger net = BigInteger.ZERO;
        BigInteger fees = BigInteger.ZERO;
        BigInteger tips = BigInteger.ZERO;
        Set<String> payers = new HashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            JsonNode op = ops.get(i);
            assertThat(op.at("/operation_identifier/index").asInt()).as(cid).isEqualTo(i);
            op.path("related_operations").forEach(r -> assertThat(r.path("index").asInt()).isLessThan(op.at("/operation_identifier/index").asInt()));
            assertThat(op.path("status").asText()).isEqualTo("OK");
            // the ID address, or the robust one where the index knows no ID (traces before Lotus 1.23 print robust senders)
            assertThat(op.at("/account/address").asText()).matches("f0[0-9]+|f[1-4][a-z0-9]+");
            assertThat(op.at("/amount/currency/symbol").asText()).isEqualTo("FIL");
            assertThat(op.at("/amount/currency/decimals").asInt()).isEqualTo(18);
            BigInteger amount = new BigInteger(op.at("/amount/value").asText());
            net = net.add(amount);
            if (amount.signum() < 0 && op.path("type").asText().matches("Fee|Miner tip")) {
                payers.add(op.at("/account/address").asText());
                if (op.path("type").asText().equals("Fee")) {
                    fees = fees.add(amount.negate());
                } else {
                    tips = tips.add(amount.negate());
                }
            }
        }
        assertThat(net).as("operations of " + cid + " sum to zero").isZero();
        assertThat(payers).as("the sender pays all gas of " + cid).hasSizeLessThanOrEqualTo(1);
        JsonNode gas = trace.path("GasCost");
        assertThat(fees).as("fees of " + cid).isEqualTo(new BigInteger(gas.path("BaseFeeBurn").asText("0"))
                .add(new BigInteger(gas.path("OverEstimationBurn").asText("0"))));
        assertThat(tips).as("tip of " + cid).isEqualTo(new BigInteger(gas.path("MinerTip").asText("0")));
        BigInteger value = new BigInteger(trace.at("/Msg/Value").asText("0"));
        if (trace.at("/MsgRct/ExitCode").asInt() == 0 && value.signum() > 0) {
            boolean found = false;
            for (JsonNode op : ops) {
                found |= op.path("type").asText().matches("Transfer|Miner reward|Burn")
                        && op.at("/amount/value").asText().equals(value.toString())
                        && op.at("/account/address").asText().equals(trace.at("/ExecutionTrace/Msg/To").asText());
            }
            assertThat(found).as("the value " + value + " of " + cid + " credited to its recipient").isTrue();
        }
    }

    @Test
    void aNullRoundIsAnOmittedBlock() throws Exception {
        JsonNode answer = rosetta.ok("/block", blockRequest(NULL_ROUND, null));
        assertThat(answer.has("block")).isFalse();
        assertThat(rosetta.problems()).isEmpty();
    }

    @Test
    void aTransactionOfABlock() throws Exception {
        long height = 3573064L;
        JsonNode block = rosetta.ok("/block", blockRequest(height, null)).path("block");
        JsonNode first = block.path("transactions").get(3);
        ObjectNode request = rosetta.request();
        request.set("block_identifier", block.path("block_identifier"));
        request.putObject("transaction_identifier").put("hash", first.at("/transaction_identifier/hash").asText());
        assertThat(rosetta.ok("/block/transaction", request).path("transaction")).isEqualTo(first);

        ((ObjectNode) request.path("transaction_identifier")).put("hash", "bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is");
        assertThat(rosetta.post("/block/transaction", request).errorCode()).isEqualTo(RosettaError.TRANSACTION_NOT_FOUND.code());
        assertThat(rosetta.problems()).isEmpty();
    }

    @Test
    void errorsAreTheListedOnesWithHttp500() throws Exception {
        ObjectNode other = blockRequest(3573064L, null);
        ((ObjectNode) other.path("network_identifier")).put("network", "calibrationnet");
        expectError("/block", other, RosettaError.UNSUPPORTED_NETWORK);
        ObjectNode sub = blockRequest(3573064L, null);
        ((ObjectNode) sub.path("network_identifier")).putObject("sub_network_identifier").put("network", "x");
        expectError("/block", sub, RosettaError.UNSUPPORTED_NETWORK);
        expectError("/block", blockRequest(3573065L, null), RosettaError.BLOCK_NOT_INDEXED);
        expectError("/block", blockRequest(1L, null), RosettaError.BLOCK_BELOW_RANGE);
        expectError("/block", blockRequest(3573064L, blockHashCid(3573062L)), RosettaError.BLOCK_NOT_FOUND);
        // a block CID is no tipset key CID
        expectError("/block", blockRequest(null, "bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is"), RosettaError.BLOCK_NOT_FOUND);
        assertThat(rosetta.postRaw("/block", "{").errorCode()).isEqualTo(RosettaError.INVALID_REQUEST.code());
        assertThat(rosetta.postRaw("/block", "").errorCode()).isEqualTo(RosettaError.INVALID_REQUEST.code());
        ObjectNode negative = blockRequest(null, null);
        negative.putObject("block_identifier").put("index", -1);
        expectError("/block", negative, RosettaError.INVALID_REQUEST);
        assertThat(rosetta.problems()).isEmpty();
    }

    @Test
    void theMempoolIsEmpty() throws Exception {
        assertThat(rosetta.ok("/mempool", rosetta.request()).path("transaction_identifiers")).isEmpty();
        assertThat(rosetta.problems()).isEmpty();
    }

    private static void expectError(String path, JsonNode request, RosettaError expected) throws Exception {
        RosettaClient.Answer a = rosetta.post(path, request);
        assertThat(a.status()).as(request.toString()).isEqualTo(500);
        assertThat(a.errorCode()).as(request + " → " + a.body()).isEqualTo(expected.code());
        assertThat(a.body().path("retriable").asBoolean()).isEqualTo(expected.retriable());
    }

    static ObjectNode blockRequest(Long index, String hash) {
        ObjectNode r = rosetta.request();
        ObjectNode id = r.putObject("block_identifier");
        if (index != null) {
            id.put("index", index);
        }
        if (hash != null) {
            id.put("hash", hash);
        }
        return r;
    }

    /** The key CID of a recorded tipset, computed here from the recording's block CIDs. */
    private static String blockHashCid(long height) {
        List<String> cids = new ArrayList<>();
        new RawFixtures("mainnet", height).tipset.path("Cids").forEach(c -> cids.add(c.path("/").asText()));
        return codec.cid.TipSetKeyCid.of(cids);
    }

    /** The Ethereum block hash the recorded logs of a height carry (without 0x). */
    private static String ethBlockHash(long height) throws Exception {
        JsonNode logs = readJson(Fixtures.MAINNET.resolve("ethlog_" + height + ".json.gz"));
        assertThat(logs.size()).isPositive();
        return logs.get(0).path("blockHash").asText().substring(2);
    }

    private static String digestHex(String cid) {
        return HexFormat.of().formatHex(codec.cid.Cid.parse(cid).digest());
    }

    private static JsonNode readJson(Path file) throws Exception {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            return ApiJson.MAPPER.readTree(in);
        }
    }
}
