package monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files as Prometheus and Grafana would load them, checked without either (what
 * {@code promtool check rules} and Grafana's provisioning refuse): rule groups and rules well
 * formed, durations and label names valid, templates closed, expressions balanced; the dashboard
 * parses and every panel queries the provisioned data source; compose mounts what the configs
 * name. That every metric they name exists is {@link ObservabilityTest}'s part (a running filflow).
 */
class OpsFilesTest {
    /** Prometheus's duration syntax (model.ParseDuration), units in descending order. */
    private static final Pattern DURATION = Pattern.compile("(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> RULE_KEYS = Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations");

    @Test
    void alertRulesAreWhatPromtoolAccepts() {
        JsonNode rules = OpsFiles.rules();
        assertThat(fieldNames(rules)).containsExactly("groups");
        Set<String> groups = new HashSet<>();
        Set<String> alerts = new HashSet<>();
        assertThat(rules.path("groups").size()).isPositive();
        for (JsonNode group : rules.path("groups")) {
            String name = group.path("name").asText();
            assertThat(name).as("group name").isNotBlank();
            assertThat(groups.add(name)).as("group " + name + " once").isTrue();
            assertThat(group.path("rules").size()).as(name + " has rules").isPositive();
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(fieldNames(rule)).as(alert).isSubsetOf(RULE_KEYS).contains("alert", "expr");
                assertThat(alert).matches(METRIC_NAME.pattern());
                assertThat(alerts.add(alert)).as("alert " + alert + " once").isTrue();
                String expr = rule.path("expr").asText();
                assertBalanced(alert, expr);
                assertThat(expr).as(alert + " compares").containsPattern("[<>=]=?\\s*[0-9]");
                if (rule.has("for")) {
                    assertThat(rule.path("for").asText()).as(alert + " for").matches(DURATION).isNotEmpty();
                }
                List<String> labels = fieldNames(rule.path("labels"));
                assertThat(labels).as(alert + " labels").allMatch(l -> LABEL_NAME.matcher(l).matches());
                assertThat(rule.at("/labels/severity").asText()).as(alert + " severity").isIn("warning", "critical");
                assertThat(rule.at("/annotations/summary").asText()).as(alert + " summary").isNotBlank();
                rule.path("annotations").forEach(a -> assertThat(count(a.asText(), "{{")).as(alert + " template")
                        .isEqualTo(count(a.asText(), "}}")));
            }
        }
        assertThat(alerts).contains("FilflowLag", "FilflowGaps", "FilflowFailingHeights", "FilflowFollowStalled");
    }

    @Test
    void everyRangeInTheRulesAndTheDashboardIsADuration() {
        List<String> all = new ArrayList<>(OpsFiles.ruleExpressions());
        all.addAll(OpsFiles.dashboardExpressions());
        var range = Pattern.compile("\\[([^]]*)]").matcher(String.join("\n", all));
        int seen = 0;
        while (range.find()) {
            assertThat(range.group(1)).matches(DURATION).isNotEmpty();
            seen++;
        }
        assertThat(seen).isPositive();
    }

    @Test
    void theDashboardParsesAndQueriesTheProvisionedDataSource() throws IOException {
        JsonNode dashboard = OpsFiles.dashboard();
        assertThat(dashboard.path("uid").asText()).isEqualTo("filflow");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        JsonNode datasources = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("ops/grafana/provisioning/datasources/prometheus.yml").toFile());
        String uid = datasources.at("/datasources/0/uid").asText();
        assertThat(datasources.at("/datasources/0/url").asText()).isEqualTo("http://prometheus:9090");
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id " + panel.path("id") + " once").isTrue();
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.at("/gridPos/w").asInt()).isBetween(1, 24);
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.at("/datasource/uid").asText()).as(panel.path("title").asText()).isEqualTo(uid);
                assertBalanced(panel.path("title").asText(), target.path("expr").asText());
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(10);
        // what the issue asks to see: throughput, lag, gaps, queue, rows, latencies, API, listener, caches
        String all = String.join("\n", OpsFiles.dashboardExpressions());
        assertThat(all).contains("filflow_heights_indexed_total", "filflow_lag_heights", "filflow_gaps_heights",
                "filflow_heights_queue_depth", "filflow_clickhouse_rows_inserted_total",
                "filflow_clickhouse_insert_seconds_bucket", "filflow_lotus_rpc_seconds_bucket",
                "filflow_api_requests_seconds_bucket", "filflow_listener_records_total", "filflow_cache_gets_total");
    }

    @Test
    void composeRunsPrometheusAndGrafanaOnTheseFiles() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
        JsonNode prometheus = OpsFiles.prometheus();
        assertThat(prometheus.path("rule_files").get(0).asText()).isEqualTo("/etc/prometheus/alerts.yml");
        assertThat(compose.at("/services/prometheus/volumes").toString()).contains("./ops/prometheus:/etc/prometheus:ro");
        assertThat(compose.at("/services/prometheus/command").toString())
                .contains("--config.file=/etc/prometheus/prometheus.yml");
        JsonNode scrape = prometheus.at("/scrape_configs/0");
        assertThat(scrape.path("metrics_path").asText()).isEqualTo("/observe/metrics");
        String port = compose.at("/services/filflow/environment/MANAGEMENT_PORT").asText();
        assertThat(scrape.at("/static_configs/0/targets/0").asText()).isEqualTo("filflow:" + port);
        assertThat(compose.at("/services/filflow/environment/MANAGEMENT_HOST").asText()).isEqualTo("0.0.0.0");

        String grafanaVolumes = compose.at("/services/grafana/volumes").toString();
        assertThat(grafanaVolumes).contains("./ops/grafana/provisioning:/etc/grafana/provisioning:ro")
                .contains("./ops/grafana/filflow.json:/var/lib/grafana/dashboards/filflow.json:ro");
        JsonNode provider = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("ops/grafana/provisioning/dashboards/filflow.yml").toFile());
        assertThat(provider.at("/providers/0/options/path").asText()).isEqualTo("/var/lib/grafana/dashboards");
        for (String service : List.of("prometheus", "grafana")) {
            compose.at("/services/" + service + "/ports").forEach(p -> assertThat(p.asText()).startsWith("127.0.0.1:"));
        }
        assertThat(Files.readString(Path.of(".env.example"))).contains("GRAFANA_ADMIN_PASSWORD=", "ALERT_WEBHOOK_URL=");
    }

    private static void assertBalanced(String what, String expr) {
        assertThat(expr).as(what + " expression").isNotBlank();
        String noStrings = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        assertThat(count(expr, "\"") % 2).as(what + ": quotes").isZero();
        for (String[] pair : new String[][] {{"(", ")"}, {"{", "}"}, {"[", "]"}}) {
            int depth = 0;
            for (char c : noStrings.toCharArray()) {
                depth += c == pair[0].charAt(0) ? 1 : c == pair[1].charAt(0) ? -1 : 0;
                assertThat(depth).as(what + ": " + pair[1] + " before " + pair[0] + " in " + expr).isNotNegative();
            }
            assertThat(depth).as(what + ": unclosed " + pair[0] + " in " + expr).isZero();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
