package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import archive.FileArchiveStore;
import codec.actors.CallDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.junit.jupiter.api.Test;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;
import testsupport.SharedEngines;

/**
 * Issue 14, item 4: a batch's time is bounded. A node that accepts a request and never answers
 * (within the read timeout, which restarts with every byte) holds a height no longer than
 * {@code filflow.index.height-timeout-ms}; the height fails and the batch returns, so the consumer
 * stays within the derived {@code max.poll.interval.ms}.
 */
class HeightTimeoutTest {
    @Test
    void aHeightThatHangsFailsAtItsDeadlineAndTheBatchReturns() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>(); // the acceptor may still add while we close
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept()); // read nothing, answer nothing
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ClickHouseAccess clickHouse = SharedEngines.clickHouse("pipeline_height_timeout");
            LotusClient lotus = new LotusClient(LotusClientConfig.of("http://127.0.0.1:" + blackHole.getLocalPort() + "/rpc/v1")
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofMinutes(10)), new SimpleMeterRegistry());
            HeightExtractor extractor = new HeightExtractor(lotus, new ActorCache(lotus, 100), CallDecoder.standard(),
                    () -> "mainnet", new FileArchiveStore(SharedEngines.newTempDir()));
            try (HeightIndexer indexer = new HeightIndexer(extractor, new ClickHouseRowWriter(clickHouse.client(), 60),
                    2, 1_500, Integer.MAX_VALUE);
                 PipelineRoute route = new PipelineRoute(indexer)) {
                long began = System.nanoTime();
                List<HeightResult> results = route.index(List.of(100L, 101L, 102L), c -> { });
                long tookMs = (System.nanoTime() - began) / 1_000_000;
                assertThat(results).hasSize(3).allSatisfy(r -> {
                    assertThat(r.succeeded()).isFalse();
                    assertThat(r.error()).isInstanceOf(TimeoutException.class)
                            .hasMessageContaining("filflow.index.height-timeout-ms");
                });
                // two rounds of two heights at 1.5 s each, far below the 10-minute read timeout
                assertThat(tookMs).as("batch time").isLessThan(Duration.ofMinutes(2).toMillis());
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void thePollIntervalCoversABatchAtItsWorst() {
        // 20 heights, 4 at a time, 300 s each; 120 s inserts; 3 attempts with 1 s, 2 s backoff
        PollInterval interval = new PollInterval(20, 4, 300_000, 120_000, 3, 1_000);
        long worst = 3 * (5 * 300_000L + 3 * 120_000L) + 1_000 + 2_000;
        assertThat(interval.millis()).isGreaterThan(worst).isGreaterThan(300_000);
        assertThat(new PollInterval(1, 4, 1_000, 1_000, 1, 1).millis()).isGreaterThan(1_000 + 3 * 1_000);
    }
}
