package contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import codec.address.Address;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import pipeline.NewContractTopic;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.SharedEngines;

/**
 * EAM Create and Create2 made by a contract (a sub-call, depth 1), from creations.json's recorded
 * EAM returns (fil-parser data: no trace, no params): the row carries the return's forms, the
 * calling contract as deployer, and says that no bytecode was available.
 */
class ContractByContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createsByAContractBecomeRowsWithTheContractAsDeployer() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("contracts_by_contract");
        ContractRows rows = new ContractRows(ch);
        String topic = "new_contract_cc_" + UUID.randomUUID().toString().substring(0, 8);
        NewContractTopic.ensure(SharedEngines.kafkaBrokers(), topic, 1, (short) 1);
        int sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafkaBrokers()),
                new StringSerializer(), new StringSerializer())) {
            for (JsonNode c : RawFixtures.creations()) {
                if (isCreateByContract(c)) {
                    producer.send(new ProducerRecord<>(topic, c.path("msg_cid").asText(), payload(c))).get();
                    sent++;
                }
            }
        }
        assertThat(sent).isEqualTo(2);
        long expected = sent;
        try (ReplayNode mainnet = ReplayNode.start(ReplayConfig.of(RawFixtures.LOTUS.resolve("mainnet")));
             ListenerHarness listener = new ListenerHarness(ch, PipelineRun.lotus(mainnet), topic,
                     "filflow-contracts-" + topic).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> rows.count() == expected);
        }
        for (JsonNode c : RawFixtures.creations()) {
            if (!isCreateByContract(c)) {
                continue;
            }
            JsonNode ret = c.path("decoded_return");
            Map<String, String> row = rows.row(ret.path("ActorID").asLong());
            assertThat(row.get("robust")).isEqualTo(ret.path("RobustAddress").asText());
            assertThat(row.get("eth")).isEqualTo(ret.path("EthAddress").asText());
            assertThat(row.get("delegated")).isEqualTo(ret.path("EthAddress_as_f410").asText());
            assertThat(row.get("kind")).isEqualTo("evm");
            assertThat(row.get("creation_method")).isEqualTo(c.path("method").asText());
            assertThat(row.get("creation_depth")).isEqualTo("1");
            assertThat(row.get("creation_call_path")).isEqualTo("0");
            long deployer = Address.parse(c.path("from").asText()).actorId();
            assertThat(row.get("deployer_id")).isEqualTo(String.valueOf(deployer));
            // the replay node knows nothing more of this contract: its masked ID form
            assertThat(row.get("deployer_eth")).isEqualTo(Address.id(deployer).toEth());
            assertThat(row.get("bytecode_source")).isEqualTo("none");
            assertThat(row.get("bytecode")).isEmpty();
        }
    }

    private static boolean isCreateByContract(JsonNode c) {
        return c.path("actor").asText().equals("EAM") && !c.has("height")
                && (c.path("method").asText().equals("Create") || c.path("method").asText().equals("Create2"));
    }

    /** What the pipeline publishes for such a sub-call (README "new_contract (Kafka)"), params unknown. */
    private static String payload(JsonNode c) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        // the fil-parser data carries no tipset or top-level sender: the key and topLevelFrom below
        // are stand-ins (well-formed, asserted nowhere); height is the tipset that data names
        p.put("network", "mainnet").put("height", 2947823);
        p.withArray("tipsetKey").add("bafy2bzacecnamqgqmifpluoeldx7zzglxcljo6oja4vv6i3h4uisoyixfwyqe");
        p.put("timestamp", 1_689_000_000L).put("messageCid", c.path("msg_cid").asText())
                .put("topLevelFrom", "f1ys5qqiciehcml3sp764ymbbytfn3qoar5fo3iwy").put("topLevelTo", c.path("from").asText())
                .put("depth", 1).put("callPath", "0").put("actor", "EAM").put("method", c.path("method").asText())
                .put("methodNumber", c.path("method").asText().equals("Create") ? 2 : 3)
                .put("from", c.path("from").asText()).put("to", "f010").put("value", "0").put("params", "")
                .put("return", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(c.path("return_hex").asText())))
                .put("exitCode", 0);
        return JSON.writeValueAsString(p);
    }
}
