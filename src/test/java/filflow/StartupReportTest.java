package filflow;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import testsupport.FilflowInstance;
import testsupport.Fixtures;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up lines about Lotus: reachable or not, full or degraded mode, judged by the node's own answers. */
class StartupReportTest {

    @Test
    void aNodeWithStateComputeIsFullMode() {
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET))) {
            String line = report(node.url().toString()).lotusLine();
            assertThat(line).startsWith("Lotus " + node.url() + " (").contains("has StateCompute, full mode");
        }
    }

    @Test
    void aGatewayWithoutStateComputeIsDegradedMode() {
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET).withoutMethods("Filecoin.StateCompute"))) {
            assertThat(report(node.url().toString()).lotusLine()).contains("no StateCompute, degraded mode")
                    .contains("LOTUS_URL");
        }
    }

    @Test
    void anUnreachableNodeIsSaidToBeSoWithWhatFollows() {
        assertThat(report(FilflowInstance.UNREACHABLE_LOTUS).lotusLine())
                .startsWith("Lotus " + FilflowInstance.UNREACHABLE_LOTUS + ": unreachable (")
                .contains("Connection refused").contains("/observe/health shows Lotus DOWN");
    }

    @Test
    void theUrlsToOpenUseTheConfiguredPorts() {
        Settings settings = new Settings(name -> Optional.ofNullable(Map.of("http.port", "18080",
                "management.port", "19876").get(name)));
        assertThat(StartupReport.urls(settings)).contains("API http://localhost:18080/api/v1/",
                "health http://localhost:19876/observe/health");
    }

    private static StartupReport report(String url) {
        LotusClientConfig config = LotusClientConfig.of(url).withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new StartupReport(new LotusClient(config, new SimpleMeterRegistry()),
                Settings.bundled());
    }
}
