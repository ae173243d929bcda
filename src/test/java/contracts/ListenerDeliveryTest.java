package contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pipeline.NewContractTopic;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.SharedEngines;

/**
 * The delivery guarantees on the real broker, ClickHouse and a calibnet replay node: dead letters,
 * redelivery after a crash between write and commit, and an unreachable Lotus.
 */
class ListenerDeliveryTest {
    private static final String MSG_38895 = "bafy2bzacedoibf7cwfqql7byp4c73iogyeurq7bstbr3lhp4j7bvcn422pusw";
    private static final long ACTOR_38895 = 1816;
    private static final String MSG_1698055 = "bafy2bzacednj5rv7pbdgyvq2ztknz5xj3eazfqanxiy5za6dpb4kgv3vtd72w";
    private static final long ACTOR_1698055 = 123724;
    private static ReplayNode calibnet;

    @BeforeAll
    static void startNode() {
        calibnet = ReplayNode.start(ReplayConfig.of(RawFixtures.LOTUS.resolve("calibnet")));
    }

    @AfterAll
    static void stopNode() {
        calibnet.close();
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextGoodOneStored() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("contracts_dlq");
        ContractRows rows = new ContractRows(ch);
        String topic = topic();
        String notACreation = payload(38895, MSG_38895).replace("\"actor\":\"Init\"", "\"actor\":\"Miner\"");
        send(topic, "garbage", "{not json");
        send(topic, MSG_38895, notACreation);
        send(topic, MSG_38895, payload(38895, MSG_38895));
        try (ListenerHarness listener = new ListenerHarness(ch, PipelineRun.lotus(calibnet), topic, group()).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> rows.count() == 1);
        }
        assertThat(rows.row(ACTOR_38895)).containsEntry("robust", "f23pa4gt4jgkl55drdyzb7dscjzdfh725u45xzwsy");

        List<ConsumerRecord<String, String>> dead = consume(topic + ".dlq", 2);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("{not json", notACreation);
        for (ConsumerRecord<String, String> d : dead) {
            boolean garbage = d.value().equals("{not json");
            assertThat(d.key()).isEqualTo(garbage ? "garbage" : MSG_38895);
            assertThat(header(d, ContractListener.ERROR_HEADER)).satisfies(error -> assertThat(error)
                    .startsWith(garbage ? "not a new_contract payload" : "actor must be EAM or Init, is Miner"));
            assertThat(header(d, ContractListener.ERROR_TYPE_HEADER)).isEqualTo(MalformedCreationException.class.getName());
            assertThat(header(d, ContractListener.SOURCE_HEADER)).startsWith(topic + "/0/");
        }
    }

    @Test
    void aCrashBetweenWriteAndCommitMeansRedeliveryAndStillOneRow() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("contracts_crash");
        ContractRows rows = new ContractRows(ch);
        String topic = topic();
        String group = group();
        send(topic, MSG_1698055, payload(1698055, MSG_1698055));

        CountDownLatch atCommit = new CountDownLatch(1);
        ListenerHarness doomed = new ListenerHarness(ch, PipelineRun.lotus(calibnet), topic, group);
        AdviceWith.adviceWith(doomed.context, "contracts-listen", r -> r.weaveById("commit-offset").before()
                .process(exchange -> {
                    atCommit.countDown();
                    new CountDownLatch(1).await(); // hangs here until the shutdown interrupts it
                }));
        doomed.context.getShutdownStrategy().setTimeout(1);
        doomed.context.getComponent("kafka", KafkaComponent.class).getConfiguration().setShutdownTimeout(500);
        doomed.context.getExecutorServiceManager().setShutdownAwaitTermination(500);
        doomed.start();
        atCommit.await();
        assertThat(rows.count()).as("written before the crash").isEqualTo(1);
        String firstVersion = rows.row(ACTOR_1698055).get("version");
        doomed.close();

        AtomicInteger redelivered = new AtomicInteger();
        ListenerHarness restarted = new ListenerHarness(ch, PipelineRun.lotus(calibnet), topic, group);
        AdviceWith.adviceWith(restarted.context, "contracts-listen", r -> r.weaveById("resolve-contract").before()
                .process(exchange -> redelivered.incrementAndGet()));
        try (ListenerHarness running = restarted.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> redelivered.get() >= 1
                    && !rows.row(ACTOR_1698055).get("version").equals(firstVersion));
        }
        assertThat(redelivered.get()).as("the uncommitted record came again").isEqualTo(1);
        assertThat(rows.count()).as("still one row").isEqualTo(1);
        assertThat(rows.row(ACTOR_1698055)).containsEntry("creation_message_cid", MSG_1698055);
    }

    @Test
    void anUnreachableLotusIsRetriedNotDropped() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("contracts_lotus_down");
        ContractRows rows = new ContractRows(ch);
        String topic = topic();
        send(topic, MSG_38895, payload(38895, MSG_38895));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        LotusClient lotus = new LotusClient(LotusClientConfig.of("http://127.0.0.1:" + port + "/rpc/v1")
                .withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10)), metrics);
        try (ListenerHarness running = new ListenerHarness(ch, lotus, topic, group()).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> failedLotusCalls(metrics) >= 3);
            assertThat(rows.count()).as("nothing stored while Lotus is down").isZero();
            try (ReplayNode late = ReplayNode.start(ReplayConfig.of(RawFixtures.LOTUS.resolve("calibnet")).withPort(port))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> rows.count() == 1);
            }
        }
        assertThat(rows.row(ACTOR_38895)).containsEntry("robust", "f23pa4gt4jgkl55drdyzb7dscjzdfh725u45xzwsy");
        assertThat(consume(topic + ".dlq", 0)).as("a Lotus outage is not a dead letter").isEmpty();
    }

    /** Issue 14, item 7: a node that answers garbage is not an outage; the record is dead-lettered and the next one read. */
    @Test
    void aRecordThatFailsTheSameWayEveryTimeIsDeadLetteredAfterBoundedAttempts() throws Exception {
        ClickHouseAccess ch = SharedEngines.clickHouse("contracts_garbled");
        String topic = topic();
        send(topic, MSG_38895, payload(38895, MSG_38895));
        send(topic, MSG_1698055, payload(1698055, MSG_1698055));
        com.sun.net.httpserver.HttpServer garbling = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        garbling.createContext("/rpc/v1", exchange -> {
            calls.incrementAndGet();
            byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"Code\":[1,2,".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        garbling.start();
        try {
            LotusClient lotus = new LotusClient(LotusClientConfig.of("http://127.0.0.1:" + garbling.getAddress().getPort()
                    + "/rpc/v1"), new SimpleMeterRegistry());
            try (ListenerHarness running = new ListenerHarness(ch, lotus, topic, group()).start()) {
                List<ConsumerRecord<String, String>> dead = consumeWithin(topic + ".dlq", 2, Duration.ofSeconds(90));
                assertThat(dead).extracting(ConsumerRecord::key).containsExactly(MSG_38895, MSG_1698055);
                for (ConsumerRecord<String, String> d : dead) {
                    assertThat(header(d, ContractListener.ERROR_HEADER)).startsWith("not resolved after 10 attempts: LotusProtocolException");
                }
            }
            assertThat(new ContractRows(ch).count()).isZero();
        } finally {
            garbling.stop(0);
        }
    }

    private static double failedLotusCalls(SimpleMeterRegistry metrics) {
        return metrics.find("filflow.lotus.rpc.errors").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String payload(long height, String messageCid) throws Exception {
        return RawFixtures.topLevelPayload("calibnet", height, messageCid, "Init", "Exec");
    }

    private static String topic() throws InterruptedException {
        String topic = "new_contract_t_" + UUID.randomUUID().toString().substring(0, 8);
        NewContractTopic.ensure(SharedEngines.kafkaBrokers(), topic, 1, (short) 1);
        return topic;
    }

    private static String group() {
        return "filflow-contracts-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void send(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafkaBrokers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Reads a topic from the start until {@code expected} records came (or a few empty polls). */
    private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        return consumeWithin(topic, expected, Duration.ofSeconds(15));
    }

    private static List<ConsumerRecord<String, String>> consumeWithin(String topic, int expected, Duration within) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafkaBrokers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && (out.size() < expected || empty < 3)) {
                var batch = consumer.poll(Duration.ofMillis(500));
                batch.forEach(out::add);
                empty = batch.isEmpty() ? empty + 1 : 0;
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
