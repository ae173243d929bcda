package jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;

import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.query.GenericRecord;

import storage.ClickHouseAccess;
import testsupport.SharedEngines;

/**
 * The indexer route's delivery guarantees on the real broker and ClickHouse: every height gets a
 * report before its offset is committed, failing heights are retried then reported as gaps, two
 * consumers of one group share the work, and a crash between write and commit means redelivery.
 */
class IndexConsumerTest {
    private static ClickHouseAccess clickHouse;
    private static String brokers;
    private String topicName;
    private String group;
    private HeightsTopic topic;
    private JobRoutes routes;
    private HeightQueue queue;

    @BeforeAll
    static void engines() {
        clickHouse = SharedEngines.clickHouse("jobs_consumer");
        brokers = SharedEngines.kafkaBrokers();
    }

    @BeforeEach
    void freshTopic() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        topicName = "heights-" + id;
        group = "indexer-" + id;
        topic = new HeightsTopic(brokers, topicName, 4, (short) 1, group);
        assertThat(topic.ensure()).isEqualTo(4);
        routes = JobRoutes.queue(brokers, topicName);
        queue = routes.queue();
        clickHouse.client().execute("TRUNCATE TABLE processing_reports").get().close();
    }

    @AfterEach
    void close() {
        routes.close();
        topic.close();
    }

    @Test
    void everyHeightIsReportedBeforeItsOffsetIsCommitted() throws Exception {
        ScriptedPipeline pipeline = new ScriptedPipeline();
        List<Long> heights = LongStream.rangeClosed(1000, 1099).boxed().toList();
        queue.enqueue(heights, "walk");
        assertThat(topic.backlog()).isEqualTo(100);
        try (ConsumerHarness consumer = harness(pipeline).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
        }
        Map<Long, GenericRecord> reports = reports();
        assertThat(reports.keySet()).containsExactlyInAnyOrderElementsOf(heights);
        assertThat(reports.values()).allSatisfy(r -> {
            assertThat(r.getString("status")).isEqualTo("indexed");
            assertThat(r.getLong("attempt")).isEqualTo(1);
            assertThat(r.getString("tipset_key")).isEqualTo("bafy" + r.getLong("height"));
            assertThat(r.getLong("subcall_count")).isEqualTo(3);
        });
        assertThat(pipeline.seen()).containsExactlyInAnyOrderElementsOf(heights);
    }

    @Test
    void aFailingHeightIsRetriedThenReportedAsAGapAndTheConsumerMovesOn() throws Exception {
        ScriptedPipeline pipeline = new ScriptedPipeline();
        pipeline.failHeight(2005, Integer.MAX_VALUE);
        pipeline.failHeight(2007, 1);
        List<Long> heights = LongStream.rangeClosed(2000, 2019).boxed().toList();
        queue.enqueue(heights, "walk");
        try (ConsumerHarness consumer = harness(pipeline).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
        }
        Map<Long, GenericRecord> reports = reports();
        assertThat(reports.keySet()).containsExactlyInAnyOrderElementsOf(heights);
        assertThat(reports.get(2005L).getString("status")).isEqualTo("failed");
        assertThat(reports.get(2005L).getLong("attempt")).isEqualTo(3);
        assertThat(reports.get(2005L).getString("error")).contains("scripted failure at 2005");
        assertThat(reports.get(2007L).getString("status")).isEqualTo("indexed");
        assertThat(reports.get(2007L).getLong("attempt")).isEqualTo(2);
        assertThat(pipeline.seen().stream().filter(h -> h == 2005L)).hasSize(3);
        assertThat(new ProcessingReports(clickHouse.client()).failed(10)).containsExactly(2005L);
    }

    @Test
    void aRecordThatIsNotAWorkItemIsSkippedAndTheRestIndexed() throws Exception {
        ScriptedPipeline pipeline = new ScriptedPipeline();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", brokers,
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName()))) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topicName, "x", "not a height")).get();
        }
        queue.enqueue(List.of(5000L, 5001L), "index");
        try (ConsumerHarness consumer = harness(pipeline).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
        }
        assertThat(reports().keySet()).containsExactlyInAnyOrder(5000L, 5001L);
    }

    @Test
    void twoConsumersInOneGroupSplitTheWorkWithoutGaps() throws Exception {
        ScriptedPipeline first = new ScriptedPipeline();
        ScriptedPipeline second = new ScriptedPipeline();
        List<Long> heights = LongStream.rangeClosed(3000, 3399).boxed().toList();
        try (ConsumerHarness a = harness(first).start(); ConsumerHarness b = harness(second).start()) {
            // both must hold partitions before the work arrives, or the first one may take it all
            await().atMost(Duration.ofSeconds(30)).until(() -> membersWithPartitions() == 2);
            queue.enqueue(heights, "walk");
            await().atMost(Duration.ofSeconds(90)).until(() -> topic.backlog() == 0);
        }
        assertThat(first.seen()).isNotEmpty();
        assertThat(second.seen()).isNotEmpty();
        assertThat(reports().keySet()).containsExactlyInAnyOrderElementsOf(heights);
        List<Long> union = new java.util.ArrayList<>(first.seen());
        union.addAll(second.seen());
        assertThat(union).containsExactlyInAnyOrderElementsOf(heights);
    }

    @Test
    void aCrashBetweenWriteAndCommitMeansRedelivery() throws Exception {
        ScriptedPipeline beforeCrash = new ScriptedPipeline();
        List<Long> heights = LongStream.rangeClosed(4000, 4009).boxed().toList();
        queue.enqueue(heights, "walk");
        CountDownLatch atCommit = new CountDownLatch(1);
        ConsumerHarness doomed = harness(beforeCrash);
        AdviceWith.adviceWith(doomed.context, "index-consume", route -> route.weaveById("commit-offsets").before()
                .process(exchange -> {
                    atCommit.countDown();
                    new CountDownLatch(1).await(); // hangs here until the shutdown interrupts it
                }));
        doomed.context.getShutdownStrategy().setTimeout(1);
        doomed.context.getComponent("kafka", org.apache.camel.component.kafka.KafkaComponent.class)
                .getConfiguration().setShutdownTimeout(500);
        doomed.context.getExecutorServiceManager().setShutdownAwaitTermination(500);
        doomed.start();
        atCommit.await();
        List<Long> writtenBeforeCrash = List.copyOf(reports().keySet());
        assertThat(writtenBeforeCrash).isNotEmpty();
        doomed.close();

        ScriptedPipeline afterCrash = new ScriptedPipeline();
        try (ConsumerHarness restarted = harness(afterCrash).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.backlog() == 0);
        }
        assertThat(afterCrash.seen()).as("heights written but not committed come again")
                .containsAll(writtenBeforeCrash);
        assertThat(reports().keySet()).containsExactlyInAnyOrderElementsOf(heights);
    }

    private ConsumerHarness harness(Object pipeline) throws Exception {
        return new ConsumerHarness(brokers, clickHouse, topicName, group, pipeline, new Properties());
    }

    private long membersWithPartitions() {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", brokers))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        } catch (Exception e) {
            return 0;
        }
    }

    private Map<Long, GenericRecord> reports() {
        Map<Long, GenericRecord> rows = new HashMap<>();
        for (GenericRecord r : clickHouse.client().queryAll("SELECT * FROM processing_reports FINAL")) {
            rows.put(r.getLong("height"), r);
        }
        return rows;
    }
}
