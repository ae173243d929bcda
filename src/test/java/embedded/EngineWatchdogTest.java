package embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import testsupport.FilflowProcess;
import testsupport.SharedEngines;

/**
 * Issue 14, item 12: {@code kill -9} of the filflow JVM — while its embedded engines start, and
 * once it serves — never leaves an engine behind. After each kill every process naming the
 * DATA_DIR (chDB child, PostgreSQL, watchdogs) is gone within the watchdogs' grace, and filflow
 * starts again on the same DATA_DIR.
 */
class EngineWatchdogTest {
    /** Orderly stop (10 s) plus the next signal's grace, plus room for a loaded machine. */
    private static final Duration ENGINES_GONE_WITHIN = Duration.ofSeconds(45);

    @Test
    void repeatedKillNineLeavesNoEngineBehind() throws Exception {
        Path dataDir = SharedEngines.newTempDir().resolve("data");
        Random random = new Random(Long.getLong("watchdog.seed", System.nanoTime()));
        Map<String, String> settings = Map.of("lotus.url", "http://127.0.0.1:9/rpc/v1", "filflow.jobs.follow.enabled", "false");
        for (int round = 0; round < 4; round++) {
            FilflowProcess app = FilflowProcess.start(dataDir, settings);
            try {
                if (round % 2 == 0) {
                    // somewhere in start-up: engines starting, migrations, routes
                    waitForEngineProcess(app, dataDir, Duration.ofMinutes(3));
                    Thread.sleep(random.nextInt(4_000));
                } else {
                    assertThat(app.awaitApi(Duration.ofMinutes(6))).as("filflow serves (round %d), log %s", round, app.log()).isTrue();
                    Thread.sleep(random.nextInt(2_000));
                }
                app.kill9();
                assertThat(FilflowProcess.awaitNoneNaming(dataDir, ENGINES_GONE_WITHIN))
                        .as("processes left %s after kill -9 in round %d", ENGINES_GONE_WITHIN, round).isEmpty();
            } finally {
                app.close();
            }
        }
        FilflowProcess last = FilflowProcess.start(dataDir, settings);
        try {
            assertThat(last.awaitApi(Duration.ofMinutes(6))).as("starts again on the same DATA_DIR, log %s", last.log()).isTrue();
            assertThat(last.get("/api/v1/status").statusCode()).isEqualTo(200);
            last.stop();
            assertThat(FilflowProcess.awaitNoneNaming(dataDir, ENGINES_GONE_WITHIN)).as("left after an orderly stop").isEmpty();
        } finally {
            last.close();
        }
    }

    /** Until an engine of this DATA_DIR runs (a process naming it other than filflow itself). */
    private static void waitForEngineProcess(FilflowProcess app, Path dataDir, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && app.isAlive() && FilflowProcess.processesNaming(dataDir.toString()).stream()
                .allMatch(p -> p.pid() == app.pid())) {
            Thread.sleep(100);
        }
    }
}
