package filflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import embedded.ChdbProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import testsupport.FilflowProcess;
import testsupport.Fixtures;
import testsupport.SharedEngines;

/**
 * Issue 14, item 13: an embedded engine killed with {@code kill -9} while heights are indexed is
 * restarted on the same data, and every height asked for before or during the outage is indexed
 * once it is back; one that cannot be restarted makes filflow exit with a clear message.
 */
class EngineSupervisionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKilledEngineIsRestartedAndEveryHeightIndexed() throws Exception {
        long from = 2_500_000;
        long to = from + 29;
        Path dataDir = SharedEngines.newTempDir().resolve("data");
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET)
                .withSynthetic(SyntheticOptions.of(from, 40).withNullEvery(7)));
             FilflowProcess app = FilflowProcess.start(dataDir, settings(node, from, to))) {
            assertThat(app.awaitApi(Duration.ofMinutes(6))).as("log %s", app.log()).isTrue();
            await().atMost(Duration.ofMinutes(4)).until(() -> indexedHeights(app, from, to) >= 3);
            kill9(engine(dataDir, "ChdbServer"));
            // asked for during the outage: five more heights of the synthetic chain
            long askedTo = to + 5;
            String heights = LongStream.rangeClosed(to + 1, askedTo).mapToObj(Long::toString).collect(Collectors.joining(","));
            HttpResponse<String> asked = app.post("/api/v1/admin/index", "{\"heights\":[" + heights + "]}", "Bearer supervision");
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
            awaitRestartCounted(app, "clickhouse");
            kill9(engine(dataDir, "postgres -D"));
            awaitRestartCounted(app, "postgres");
            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> indexedHeights(app, from, askedTo) == askedTo - from + 1);
            assertThat(app.isAlive()).isTrue();
            assertThat(Files.readString(app.log())).contains("embedded clickhouse is gone").contains("embedded postgres restarted");
            // item 12 after restarts: the restarted engines are guarded by watchdogs of their own
            app.kill9();
            assertThat(FilflowProcess.awaitNoneNaming(dataDir, Duration.ofSeconds(45))).as("left after kill -9 of filflow").isEmpty();
        }
    }

    @Test
    void anEngineThatCannotBeRestartedStopsFilflowWithAClearMessage() throws Exception {
        Path root = SharedEngines.newTempDir();
        Path library = root.resolve("libchdb.so");
        Files.createSymbolicLink(library, ChdbProcess.defaultLibrary());
        Path dataDir = root.resolve("data");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lotus.url", "http://127.0.0.1:9/rpc/v1");
        settings.put("filflow.jobs.follow.enabled", "false");
        settings.put("chdb.library", library.toString());
        settings.put("engine.restart-attempts", "2");
        try (FilflowProcess app = FilflowProcess.start(dataDir, settings)) {
            assertThat(app.awaitApi(Duration.ofMinutes(6))).as("log %s", app.log()).isTrue();
            Files.delete(library); // the engine can no longer start
            kill9(engine(dataDir, "ChdbServer"));
            assertThat(app.awaitExit(Duration.ofMinutes(3))).as("exit status, log %s", app.log())
                    .isEqualTo(FilflowConfiguration.EXIT_ENGINE_LOST);
            assertThat(Files.readString(app.log())).contains("embedded clickhouse died and could not be restarted after 2 attempts");
        }
    }

    private static Map<String, String> settings(ReplayNode node, long from, long to) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("lotus.url", node.url().toString());
        s.put("admin.token", "supervision");
        s.put("filflow.jobs.follow.enabled", "false");
        s.put("filflow.jobs.walk.range", from + ".." + to);
        s.put("filflow.jobs.gaps.period-ms", "3000");
        s.put("filflow.heights.max-poll-records", "3");
        s.put("filflow.heights.poll-timeout-ms", "200");
        s.put("filflow.index.retry.backoff-ms", "300");
        s.put("filflow.index.retry.max-backoff-ms", "3000");
        return s;
    }

    /** Heights the API serves as indexed tipsets (a null round included). */
    private static long indexedHeights(FilflowProcess app, long from, long to) {
        long n = 0;
        for (long h = from; h <= to; h++) {
            try {
                if (app.get("/api/v1/tipsets/" + h).statusCode() == 200) {
                    n++;
                }
            } catch (RuntimeException e) {
                return n;
            }
        }
        return n;
    }

    /**
     * Until {@code filflow_engine_restarts_total{engine}} counts a restart. A restart under load
     * takes as long as the engine's start (up to a minute at load 50), so the wait is generous; when
     * it runs out, the message says what the scrapes answered and what the supervisor logged.
     */
    private static void awaitRestartCounted(FilflowProcess app, String engine) throws Exception {
        String[] lastScrape = {"no scrape yet"};
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> metric(app, engine, lastScrape) >= 1);
        } catch (ConditionTimeoutException e) {
            List<String> supervisor = Files.readAllLines(app.log()).stream()
                    .filter(l -> l.contains("EngineSupervisor") || l.contains("ChdbProcess") || l.contains("EmbeddedPostgres")).toList();
            throw new AssertionError("no restart of " + engine + " counted; last scrape: " + lastScrape[0]
                    + "; supervisor: " + supervisor, e);
        }
    }

    private static double metric(FilflowProcess app, String engine, String[] lastScrape) {
        long began = System.nanoTime();
        try {
            String text = app.metrics();
            lastScrape[0] = "answered in " + (System.nanoTime() - began) / 1_000_000 + " ms";
            for (String line : text.split("\n")) {
                if (line.startsWith("filflow_engine_restarts_total") && line.contains("engine=\"" + engine + "\"")) {
                    lastScrape[0] += ": " + line;
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            lastScrape[0] += " without filflow_engine_restarts_total{engine=\"" + engine + "\"}";
        } catch (RuntimeException e) {
            lastScrape[0] = "failed after " + (System.nanoTime() - began) / 1_000_000 + " ms: " + e;
        }
        return 0;
    }

    private static ProcessHandle engine(Path dataDir, String kind) {
        List<ProcessHandle> found = FilflowProcess.processesNaming(dataDir.toString()).stream()
                .filter(p -> p.info().commandLine().orElse("").contains(kind)).toList();
        assertThat(found).as(kind + " of " + dataDir).hasSize(1);
        return found.get(0);
    }

    private static void kill9(ProcessHandle p) {
        p.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !p.isAlive());
    }
}
