package filflow;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import testsupport.FilflowInstance;
import testsupport.Fixtures;
import testsupport.SharedEngines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start to healthy on embedded defaults (a fresh DATA_DIR, then the same one again) and resident
 * memory of the JVM and of each engine process after start. Lotus is the replay node, so health
 * can be UP. Run: {@code mvn -o test -Dgroups=benchmark -DexcludedGroups= -Dtest=StartupBenchmark}
 */
@Tag("benchmark")
class StartupBenchmark {

    @Test
    void startToHealthyAndMemory() throws Exception {
        Path dataDir = SharedEngines.newTempDir();
        try (ReplayNode lotus = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET))) {
            Map<String, String> overrides = Map.of(ConfigKey.LOTUS_URL.property(), lotus.url().toString());
            for (String run : List.of("first (fresh DATA_DIR)", "warm (same DATA_DIR)")) {
                long start = System.nanoTime();
                try (FilflowInstance app = FilflowInstance.startEmbedded(dataDir, overrides)) {
                    while (!app.health().contains("\"status\":\"UP\"")) {
                        Thread.sleep(50);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("%nstart to healthy, %s: %.1f s%n", run, seconds);
                    System.out.printf("  RSS filflow JVM (with embedded Kafka): %d MiB%n", rssMiB(ProcessHandle.current()));
                    ProcessHandle.current().children().forEach(child -> System.out.printf("  RSS %-40s %d MiB%n",
                            describe(child), rssMiB(child) + child.descendants().mapToLong(StartupBenchmark::rssMiB).sum()));
                    // pg_ctl detaches the postmaster, so it is not among the JVM's children
                    ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(
                            dataDir.resolve("postgres/postmaster.pid")).get(0).trim())).orElseThrow();
                    System.out.printf("  RSS %-40s %d MiB%n", "PostgreSQL (postmaster and workers)",
                            rssMiB(postmaster) + postmaster.descendants().mapToLong(StartupBenchmark::rssMiB).sum());
                    assertThat(app.context().isStarted()).isTrue();
                }
            }
        }
        System.out.printf("  machine: %d cores, max heap %d MiB, java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    }

    private static String describe(ProcessHandle process) {
        String command = process.info().commandLine().orElse("?");
        return command.contains("ChdbServer") ? "chDB (child JVM)"
                : command.contains("kill -INT") ? "PostgreSQL watchdog"
                : command.length() > 40 ? command.substring(0, 40) : command;
    }

    private static long rssMiB(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
