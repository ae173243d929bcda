package monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ops/grafana/filflow.json and ops/prometheus/alerts.yml and takes their PromQL apart: which
 * metrics each expression names and which labels its selectors match on.
 */
final class OpsFiles {
    static final Path DASHBOARD = Path.of("ops/grafana/filflow.json");
    static final Path RULES = Path.of("ops/prometheus/alerts.yml");
    static final Path PROMETHEUS = Path.of("ops/prometheus/prometheus.yml");
    /** Series Prometheus makes itself for every target, not read from /observe/metrics. */
    static final Set<String> SYNTHETIC = Set.of("up");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern TOKEN = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private OpsFiles() {
    }

    static JsonNode dashboard() {
        return read(DASHBOARD, new ObjectMapper());
    }

    static JsonNode rules() {
        return read(RULES, new ObjectMapper(new YAMLFactory()));
    }

    static JsonNode prometheus() {
        return read(PROMETHEUS, new ObjectMapper(new YAMLFactory()));
    }

    /** Every PromQL expression of the dashboard's panels (rows' nested panels included). */
    static List<String> dashboardExpressions() {
        List<String> out = new ArrayList<>();
        collectTargets(dashboard().path("panels"), out);
        return out;
    }

    /** Every rule's expression. */
    static List<String> ruleExpressions() {
        List<String> out = new ArrayList<>();
        rules().path("groups").forEach(g -> g.path("rules").forEach(r -> out.add(r.path("expr").asText())));
        return out;
    }

    /** The metric names an expression reads (function names, keywords, label names and literals left out). */
    static Set<String> metricNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = s.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            String token = m.group();
            int after = m.end();
            while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
                after++;
            }
            boolean function = after < s.length() && s.charAt(after) == '(';
            boolean numberPart = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!function && !numberPart && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }

    /** For each metric an expression selects with matchers, the label names it matches on. */
    static Map<String, Set<String>> matchedLabels(String expr) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            Matcher label = MATCHER.matcher(STRING.matcher(selector.group(2)).replaceAll("\"\""));
            Set<String> labels = out.computeIfAbsent(selector.group(1), k -> new LinkedHashSet<>());
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        return out;
    }

    private static void collectTargets(JsonNode panels, List<String> out) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(t -> out.add(t.path("expr").asText()));
            collectTargets(panel.path("panels"), out);
        }
    }

    private static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
