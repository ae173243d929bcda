package pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import testsupport.FilflowInstance;
import testsupport.SharedEngines;

/**
 * The whole application: the index job queues two recorded mainnet heights, the consumer hands them
 * to the pipeline, and their rows (commit markers included) and the EVM deployment's creations arrive.
 */
class PipelineAppTest {

    @Test
    void indexJobHeightsEndUpInClickHouseAndOnNewContract() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String newContract = "new_contract_app_" + run;
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(FixtureCounts.LOTUS.resolve("mainnet")))) {
            var clickHouse = SharedEngines.clickHouse("pipeline_app");
            try (FilflowInstance app = FilflowInstance.start(SharedEngines.newTempDir(), Map.of(
                    "lotus.url", node.url().toString(),
                    "clickhouse.database", clickHouse.database(),
                    "filflow.heights.topic", "heights_" + run,
                    "filflow.heights.group", "indexer_" + run,
                    "filflow.jobs.follow.enabled", "false",
                    "filflow.jobs.gaps.enabled", "false",
                    "filflow.jobs.index.heights", "3573062,3573064",
                    "filflow.pipeline.new-contract.topic", newContract))) {
                PipelineFixtureQueries q = new PipelineFixtureQueries(clickHouse);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> q.count("SELECT count() FROM tipsets FINAL") == 2);
                assertThat(q.count("SELECT count() FROM messages FINAL WHERE height = ? AND implicit = 0",
                        3573064L)).isEqualTo(FixtureCounts.counts("mainnet", 3573064).messages());
                List<ConsumerRecord<String, String>> records = IndexHeightsRouteTest.consumeAll(newContract);
                assertThat(records).extracting(ConsumerRecord::key)
                        .containsOnly("bafy2bzacearovcj5ze6rsjctx2suoasx6dbwvkws2f2uaoiy5qllyv3xitqqi")
                        .hasSize(2);
            }
        }
    }
}
