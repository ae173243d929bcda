package jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.query.GenericRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import pipeline.HeightResult;
import storage.ClickHouseAccess;
import testsupport.SharedEngines;
import testsupport.TcpProxy;

/**
 * Issue 14, item 1: a height whose attempts run out while ClickHouse is unreachable still ends in a
 * stored {@code failed} report before any later offset is committed — it is never skipped.
 * The fault is real: the consumer reaches ClickHouse through a TCP proxy that the test cuts.
 */
class GapReportsTest {
    private static final long DOOMED = 2005;

    /** The pipeline stand-in: cuts the connection to ClickHouse as the doomed height's last attempt ends. */
    public static final class CutOnLastAttempt {
        private final ScriptedPipeline pipeline = new ScriptedPipeline();
        private final TcpProxy proxy;
        private final int attempts;

        CutOnLastAttempt(TcpProxy proxy, int attempts) {
            this.proxy = proxy;
            this.attempts = attempts;
            pipeline.failHeight(DOOMED, Integer.MAX_VALUE);
        }

        public List<HeightResult> index(List<Long> heights) {
            List<HeightResult> results = pipeline.index(heights);
            if (pipeline.seen().stream().filter(h -> h == DOOMED).count() == attempts && heights.contains(DOOMED)) {
                proxy.cut();
                Thread restore = new Thread(() -> {
                    sleep(3_000);
                    proxy.restore();
                });
                restore.setDaemon(true);
                restore.start();
            }
            return results;
        }
    }

    @Test
    void aGapIsStoredEvenWhenClickHouseIsDownAsAttemptsRunOut() throws Exception {
        ClickHouseAccess direct = SharedEngines.clickHouse("jobs_gap_reports");
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topicName = "heights-gaps-" + id;
        String group = "indexer-gaps-" + id;
        String brokers = SharedEngines.kafkaBrokers();
        int port = java.net.URI.create(direct.url()).getPort();
        var chdb = SharedEngines.chdbProcess();
        try (TcpProxy proxy = new TcpProxy(port);
             ClickHouseAccess viaProxy = ClickHouseAccess.open("http://127.0.0.1:" + proxy.port(), chdb.user(),
                     chdb.password(), direct.database());
             HeightsTopic topic = new HeightsTopic(brokers, topicName, 4, (short) 1, group);
             JobRoutes routes = JobRoutes.queue(brokers, topicName)) {
            HeightQueue queue = routes.queue();
            topic.ensure();
            CutOnLastAttempt pipeline = new CutOnLastAttempt(proxy, 3);
            queue.enqueue(LongStream.rangeClosed(2000, 2009).boxed().toList(), "walk");
            try (ConsumerHarness consumer = new ConsumerHarness(brokers, viaProxy, topicName, group, pipeline,
                    new Properties()).start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.pipeline.seen().stream()
                        .filter(h -> h == DOOMED).count() == 3);
                // later batches on every partition: their commits must not carry the doomed height away unreported
                queue.enqueue(LongStream.rangeClosed(2010, 2049).boxed().toList(), "walk");
                await().atMost(Duration.ofSeconds(90)).until(() -> topic.backlog() == 0);
            }
            Map<Long, String> status = new TreeMap<>();
            for (GenericRecord r : direct.client().queryAll(
                    "SELECT height, argMax(status, finished_at) AS s FROM processing_reports GROUP BY height")) {
                status.put(r.getLong("height"), r.getString("s"));
            }
            assertThat(status.keySet()).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2000, 2049).boxed().toList());
            assertThat(status.get(DOOMED)).isEqualTo("failed");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
