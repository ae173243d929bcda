package contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import codec.actors.BuiltinActors;
import codec.address.Address;
import codec.cbor.DagCborJson;
import codec.cid.Cid;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.SharedEngines;

/**
 * Every recorded creation (creations.json entries with a height: mainnet 3573064's EVM deployment,
 * calibnet 38895 and 1698055's Init Exec) goes through the real pipeline onto new_contract, through
 * the listener into {@code contracts}, and the row equals creations.json and the raw traces.
 */
class ContractsFixturesTest {
    private static final Map<String, List<Long>> HEIGHTS = Map.of(
            "mainnet", List.of(3573064L), "calibnet", List.of(38895L, 1698055L));
    private static ClickHouseAccess clickHouse;
    private static ContractRows rows;

    @BeforeAll
    static void indexAndListen() throws Exception {
        clickHouse = SharedEngines.clickHouse("contracts_fixtures");
        rows = new ContractRows(clickHouse);
        long expected = 0;
        for (Map.Entry<String, List<Long>> e : HEIGHTS.entrySet()) {
            String topic = "new_contract_fx_" + UUID.randomUUID().toString().substring(0, 8);
            try (ReplayNode node = ReplayNode.start(ReplayConfig.of(RawFixtures.LOTUS.resolve(e.getKey())))) {
                PipelineRun.index(node, e.getValue(), topic, "contracts_fx_pipeline");
                expected += actorsRecorded(e.getKey());
                long want = expected;
                try (ListenerHarness listener = new ListenerHarness(clickHouse, PipelineRun.lotus(node), topic,
                        "filflow-contracts-" + topic).start()) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> rows.count() >= want);
                }
            }
        }
        assertThat(rows.count()).as("one row per created actor").isEqualTo(expected);
    }

    @Test
    void evmDeploymentOnMainnet() throws Exception {
        JsonNode want = recorded("mainnet", "EAM");
        JsonNode ret = want.path("decoded_return");
        Map<String, String> row = rows.row(ret.path("ActorID").asLong());
        assertThat(row.get("robust")).isEqualTo(ret.path("RobustAddress").asText());
        assertThat(row.get("eth")).isEqualTo(ret.path("EthAddress").asText());
        assertThat(row.get("delegated")).isEqualTo(ret.path("EthAddress_as_f410").asText());
        assertThat(row.get("kind")).isEqualTo("evm");
        assertThat(row.get("actor_type")).isEqualTo("evm");
        assertThat(row.get("creation_method")).isEqualTo("CreateExternal");
        assertCommon(want, row);
        // the deployer sent the message from its f410 address (an Ethereum account)
        String sentFrom = want.path("top_level_from").asText();
        assertThat(row.get("deployer_delegated")).isEqualTo(sentFrom);
        assertThat(row.get("deployer_eth")).isEqualTo(Address.parse(sentFrom).toEth());
        assertThat(row.get("deployer_robust")).isEmpty();

        // the replay node does not offer EthGetCode: the init code from the params, said so
        JsonNode trace = RawFixtures.trace("mainnet", 3573064L, want.path("msg_cid").asText());
        byte[] initcode = cborByteString(Base64.getDecoder().decode(
                trace.path("ExecutionTrace").path("Msg").path("Params").asText()));
        assertThat(row.get("bytecode_source")).isEqualTo("initcode");
        assertThat(row.get("bytecode")).isEqualTo("0x" + HexFormat.of().formatHex(initcode));
        assertThat(row.get("bytecode_hash"))
                .isEqualTo("0x" + HexFormat.of().formatHex(new Keccak.Digest256().digest(initcode)));

        // the Init Exec4 the EAM made names the same actor: no second row, same robust address
        JsonNode init = recorded("mainnet", "Init");
        assertThat(init.path("decoded_return").path("IDAddress").asText()).isEqualTo("f0" + row.get("actor_id"));
        assertThat(init.path("decoded_return").path("RobustAddress").asText()).isEqualTo(row.get("robust"));
    }

    @Test
    void initExecCreationsOnCalibnet() throws Exception {
        int seen = 0;
        for (JsonNode want : RawFixtures.creations()) {
            if (!want.has("height") || !want.path("network").asText().equals("calibnet")) {
                continue;
            }
            seen++;
            JsonNode ret = want.path("decoded_return");
            Map<String, String> row = rows.row(Address.parse(ret.path("IDAddress").asText()).actorId());
            assertThat(row.get("robust")).isEqualTo(ret.path("RobustAddress").asText());
            assertThat(row.get("delegated")).isEmpty();
            assertThat(row.get("eth")).isEmpty();
            assertThat(row.get("creation_method")).isEqualTo(want.path("method").asText());
            assertCommon(want, row);
            // the sender's key address, as the message was sent
            assertThat(row.get("deployer_robust")).isEqualTo(want.path("top_level_from").asText());
            assertThat(row.get("deployer_eth")).isEqualTo(Address.parse(want.path("from").asText()).toEth());

            JsonNode trace = RawFixtures.trace("calibnet", want.path("height").asLong(), want.path("msg_cid").asText());
            JsonNode params = DagCborJson.toJson(Base64.getDecoder().decode(
                    trace.path("ExecutionTrace").path("Msg").path("Params").asText()));
            Cid code = Cid.parse(params.path(0).path("/").asText());
            assertThat(row.get("code_cid")).isEqualTo(code.toString());
            String type = BuiltinActors.standard().actorType(code).orElseThrow().manifestName();
            assertThat(row.get("actor_type")).isEqualTo(type);
            assertThat(row.get("kind")).isEqualTo("native");
            assertThat(row.get("bytecode_source")).isEqualTo("none");
            // where the trace shows the new actor's constructor running, its code is the same
            for (JsonNode sub : trace.path("ExecutionTrace").path("Subcalls")) {
                JsonNode state = sub.path("InvokedActor").path("State");
                if (sub.path("Msg").path("To").asText().equals(ret.path("IDAddress").asText()) && !state.isMissingNode()) {
                    assertThat(row.get("code_cid")).isEqualTo(state.path("Code").path("/").asText());
                }
            }
        }
        assertThat(seen).isEqualTo(2);
    }

    private static void assertCommon(JsonNode want, Map<String, String> row) throws Exception {
        assertThat(row).as("a row for " + want).isNotEmpty();
        assertThat(row.get("network")).isEqualTo(want.path("network").asText());
        assertThat(row.get("creation_message_cid")).isEqualTo(want.path("msg_cid").asText());
        assertThat(row.get("creation_height")).isEqualTo(want.path("height").asText());
        assertThat(row.get("creation_depth")).isEqualTo(want.path("depth").asText());
        assertThat(row.get("creation_call_path")).isEmpty();
        assertThat(row.get("top_level_from")).isEqualTo(want.path("top_level_from").asText());
        assertThat(row.get("top_level_to")).isEqualTo(want.path("top_level_to").asText());
        assertThat(row.get("deployer_id")).isEqualTo(String.valueOf(Address.parse(want.path("from").asText()).actorId()));
        JsonNode tipset = RawFixtures.tipset(want.path("network").asText(), want.path("height").asLong());
        StringBuilder key = new StringBuilder();
        tipset.path("Cids").forEach(c -> key.append(key.isEmpty() ? "" : ",").append(c.path("/").asText()));
        assertThat(row.get("creation_tipset_key")).isEqualTo(key.toString());
    }

    private static JsonNode recorded(String network, String actor) throws Exception {
        for (JsonNode c : RawFixtures.creations()) {
            if (c.has("height") && c.path("network").asText().equals(network) && c.path("actor").asText().equals(actor)) {
                return c;
            }
        }
        throw new AssertionError("no " + actor + " creation on " + network);
    }

    /** Distinct actors created at the recorded heights of a network. */
    private static long actorsRecorded(String network) throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode c : RawFixtures.creations()) {
            if (c.has("height") && c.path("network").asText().equals(network)) {
                JsonNode r = c.path("decoded_return");
                ids.add(r.has("ActorID") ? "f0" + r.path("ActorID").asLong() : r.path("IDAddress").asText());
            }
        }
        return ids.size();
    }

    /** The content of a CBOR byte string (major type 2), read by hand from its header. */
    private static byte[] cborByteString(byte[] cbor) {
        int info = cbor[0] & 0x1f;
        assertThat(cbor[0] & 0xe0).isEqualTo(0x40);
        int header = info < 24 ? 1 : info == 24 ? 2 : info == 25 ? 3 : 5;
        return java.util.Arrays.copyOfRange(cbor, header, cbor.length);
    }
}
