package storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.ServerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

/**
 * Issue 14, item 2: every query has a deadline the server enforces, and the API has a pool of its
 * own. On the embedded engine (the same client path as a ClickHouse server).
 */
class ClickHouseDeadlinesTest {
    /** 60 blocks of one row, half a second each: 30 s unless stopped. */
    private static final String SLOW = "SELECT sum(sleepEachRow(0.5)) FROM numbers(60) SETTINGS max_block_size = 1";

    @Test
    void theServerStopsAQueryAtItsDeadline() throws Exception {
        try (ClickHouseAccess access = open(new ClickHouseAccess.Limits(Duration.ofSeconds(2), Duration.ofSeconds(1), 2))) {
            for (var client : List.of(access.client(), access.apiClient())) {
                long began = System.nanoTime();
                assertThatThrownBy(() -> client.queryAll(SLOW))
                        .satisfies(e -> assertThat(serverCode(e)).as(String.valueOf(e)).isEqualTo(159)); // TIMEOUT_EXCEEDED
                assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
            }
            // the engine's connections are free again: a quick query on each pool answers
            assertThat(access.client().queryAll("SELECT 1 AS x").get(0).getInteger("x")).isEqualTo(1);
            assertThat(access.apiClient().queryAll("SELECT 1 AS x").get(0).getInteger("x")).isEqualTo(1);
        }
    }

    @Test
    void slowApiQueriesCannotStarveIndexing() throws Exception {
        try (ClickHouseAccess access = open(new ClickHouseAccess.Limits(Duration.ofSeconds(60), Duration.ofSeconds(8), 2))) {
            String slow = "SELECT sum(sleepEachRow(0.5)) FROM numbers(8) SETTINGS max_block_size = 1"; // ~4 s
            AtomicLong lastApiDone = new AtomicLong();
            List<CompletableFuture<Void>> api = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                api.add(CompletableFuture.runAsync(() -> {
                    try {
                        access.apiClient().queryAll(slow);
                    } catch (RuntimeException e) {
                        // a deadline or a busy pool: the API's own problem, answered as 503
                    }
                    lastApiDone.set(System.nanoTime());
                }));
            }
            Thread.sleep(500);
            // while the API's pool is saturated, indexing still gets its own connections
            for (int i = 0; i < 4; i++) {
                assertThat(access.client().queryAll("SELECT 1 AS x").get(0).getInteger("x")).isEqualTo(1);
            }
            long indexingDone = System.nanoTime();
            CompletableFuture.allOf(api.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            assertThat(indexingDone).as("indexing answered before the API's queue drained").isLessThan(lastApiDone.get());
        }
    }

    private static ClickHouseAccess open(ClickHouseAccess.Limits limits) {
        ClickHouseAccess shared = SharedEngines.clickHouse();
        var chdb = SharedEngines.chdbProcess();
        return ClickHouseAccess.open(shared.url(), chdb.user(), chdb.password(), shared.database(), limits);
    }

    private static int serverCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerException s) {
                return s.getCode();
            }
        }
        return -1;
    }
}
