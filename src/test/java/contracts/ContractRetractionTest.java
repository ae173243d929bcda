package contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import lotus.LotusClient;
import lotus.TipSet;
import lotus.TipSetKey;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import pipeline.NewContractTopic;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import storage.ClickHouseAccess;
import testsupport.SharedEngines;

/**
 * Issue 14 item 5: creations announced on {@code new_contract} from a tipset a reorg then orphaned
 * are retracted on the topic, and the listener removes their rows. A real reorg of the replay
 * node's synthetic chain, the real pipeline publishing to the real broker, the real listener.
 */
class ContractRetractionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Long> HEIGHTS = LongStream.rangeClosed(2000, 2011).boxed().toList();

    /** What identifies an announced creation. */
    private record Announced(long height, List<String> tipsetKey, String messageCid, String callPath, long actorId) {
        static Announced of(JsonNode v) {
            List<String> key = new ArrayList<>();
            v.path("tipsetKey").forEach(c -> key.add(c.asText()));
            return new Announced(v.path("height").asLong(), key, v.path("messageCid").asText(),
                    v.path("callPath").asText(), v.path("actorId").asLong());
        }
    }

    @Test
    void creationsOfAnOrphanedTipsetAreRetractedOnTheTopicAndTheListenerRemovesTheirRows() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "new_contract_retract_" + id;
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(RawFixtures.LOTUS.resolve("calibnet"))
                .withSynthetic(SyntheticOptions.of(1990, 22).withNullEvery(7)))) {
            LotusClient lotus = PipelineRun.lotus(node);
            ClickHouseAccess index = SharedEngines.clickHouse("contracts_retract_pipeline");
            PipelineRun.index(node, HEIGHTS, topic, index);
            List<ConsumerRecord<String, String>> firstRun = consume(topic);
            List<ConsumerRecord<String, String>> created = new ArrayList<>(firstRun);
            assertThat(created).as("creations announced on the first branch").isNotEmpty();
            Set<Announced> orphaned = new HashSet<>();
            created.forEach(r -> orphaned.add(Announced.of(json(r))));

            node.reorg(12);   // heights 2000..2011 move to a new branch: new CIDs, the same recorded content
            Map<Long, List<String>> nodeKeys = new HashMap<>();
            for (long h : HEIGHTS) {
                TipSet ts = lotus.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
                nodeKeys.put(h, ts.height() == h ? ts.cids().stream().map(Object::toString).toList() : List.of());
            }
            assertThat(orphaned).allSatisfy(a -> assertThat(a.tipsetKey()).isNotEqualTo(nodeKeys.get(a.height())));
            PipelineRun.index(node, HEIGHTS, topic, index);

            List<ConsumerRecord<String, String>> all = consume(topic);
            List<ConsumerRecord<String, String>> after = all.stream()
                    .filter(r -> firstRun.stream().noneMatch(f -> f.partition() == r.partition() && f.offset() == r.offset()))
                    .toList();
            List<ConsumerRecord<String, String>> retractions = after.stream()
                    .filter(r -> json(r).path("retracted").asBoolean()).toList();
            Set<Announced> retracted = new HashSet<>();
            retractions.forEach(r -> retracted.add(Announced.of(json(r))));
            // exactly the creations of the orphaned tipsets, each once, keyed like the creation
            assertThat(retracted).isEqualTo(orphaned);
            assertThat(retractions).hasSameSizeAs(orphaned);
            for (ConsumerRecord<String, String> r : retractions) {
                JsonNode v = json(r);
                assertThat(r.key()).isEqualTo(v.path("messageCid").asText());
                List<String> canonical = new ArrayList<>();
                v.path("canonicalTipsetKey").forEach(c -> canonical.add(c.asText()));
                assertThat(canonical).isEqualTo(nodeKeys.get(v.path("height").asLong()));
                // on its partition, ahead of every creation the second indexing announced
                assertThat(after.stream().filter(n -> n.partition() == r.partition()
                        && !json(n).path("retracted").asBoolean()).toList())
                        .allSatisfy(n -> assertThat(n.offset()).isGreaterThan(r.offset()));
            }
            // the new branch announces the same recorded creations (same actors) in its own tipsets
            List<Announced> reannounced = after.stream().filter(r -> !json(r).path("retracted").asBoolean())
                    .map(r -> Announced.of(json(r))).toList();
            assertThat(reannounced.stream().map(Announced::actorId).distinct().sorted().toList())
                    .isEqualTo(orphaned.stream().map(Announced::actorId).distinct().sorted().toList());
            assertThat(reannounced).allSatisfy(a -> assertThat(a.tipsetKey()).isEqualTo(nodeKeys.get(a.height())));

            // the listener on a topic holding the first branch's creations, then their retractions
            String replay = "new_contract_retract_apply_" + id;
            NewContractTopic.ensure(SharedEngines.kafkaBrokers(), replay, 1, (short) 1);
            ClickHouseAccess ch = SharedEngines.clickHouse("contracts_retract_listener");
            ContractRows rows = new ContractRows(ch);
            long actors = orphaned.stream().map(Announced::actorId).distinct().count();
            try (ListenerHarness listener = new ListenerHarness(ch, lotus, replay, "filflow-contracts-" + id).start()) {
                send(replay, created);
                await().atMost(Duration.ofMinutes(2)).until(() -> rows.count() == actors);
                send(replay, retractions);
                await().atMost(Duration.ofMinutes(2)).until(() -> rows.count() == 0);
                // the new branch's creations, then the retractions once more (a redelivery): the new rows stay
                List<ConsumerRecord<String, String>> recreated = after.stream()
                        .filter(r -> !json(r).path("retracted").asBoolean()).toList();
                send(replay, recreated);
                await().atMost(Duration.ofMinutes(2)).until(() -> rows.count() == actors);
                send(replay, retractions);
                String marker = "bafy2bzacedoibf7cwfqql7byp4c73iogyeurq7bstbr3lhp4j7bvcn422pusw";
                send(replay, List.of(new ConsumerRecord<>(replay, 0, 0, marker, "{not json")));
                await().atMost(Duration.ofMinutes(2)).until(() -> consume(replay + ".dlq").size() == 1);
            }
            assertThat(rows.count()).isEqualTo(actors);
            for (Announced a : orphaned) {
                assertThat(rows.row(a.actorId())).containsEntry("creation_tipset_key",
                        String.join(",", nodeKeys.get(a.height())));
            }
        }
    }

    private static JsonNode json(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(String topic, List<ConsumerRecord<String, String>> records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafkaBrokers()),
                new StringSerializer(), new StringSerializer())) {
            for (ConsumerRecord<String, String> r : records) {
                producer.send(new ProducerRecord<>(topic, r.key(), r.value())).get();
            }
        }
    }

    /** Everything on the topic now, partition by partition in offset order. */
    private static List<ConsumerRecord<String, String>> consume(String topic) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafkaBrokers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        out.sort(java.util.Comparator.comparing((ConsumerRecord<String, String> r) -> r.partition())
                .thenComparingLong(ConsumerRecord::offset));
        return out;
    }
}
