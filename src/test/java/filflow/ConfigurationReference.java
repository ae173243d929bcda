package filflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated part of docs/CONFIGURATION.md: every {@link ConfigKey}, grouped by the area its
 * property names, in declaration order. ConfigurationDocsTest checks the page against it (and
 * rewrites it with {@code -Dfilflow.docs.write=true}).
 */
final class ConfigurationReference {
    static final String BEGIN = "<!-- BEGIN generated from filflow.ConfigKey by ConfigurationDocsTest: edit ConfigKey, not this -->";
    static final String END = "<!-- END generated -->";

    /** An area: its heading, the page that explains it, and the property prefixes it owns. */
    private record Area(String title, String page, List<String> prefixes) {
        boolean owns(String property) {
            return prefixes.stream().anyMatch(property::startsWith);
        }
    }

    /** A new area gets its own line here; keys of no area fall under "Other settings". */
    private static final List<Area> AREAS = List.of(
            new Area("Engines", "OPERATING.md#engines-embedded-by-default-servers-in-production",
                    List.of("clickhouse.", "kafka.", "postgres.", "chdb.")),
            new Area("The application", "OPERATING.md#health-and-metrics",
                    List.of("data.", "http.", "management.", "admin.")),
            new Area("Lotus node", "LOTUS.md", List.of("lotus.")),
            new Area("Indexing jobs and the work queue", "OPERATING.md#indexing-jobs-follow-walk-index-gaps",
                    List.of("filflow.heights.", "filflow.index.", "filflow.jobs.")),
            new Area("Per-height pipeline", "PIPELINE.md", List.of("filflow.pipeline.")),
            new Area("New-contract listener", "CONTRACTS.md", List.of("filflow.contracts.")),
            new Area("Explorer API", "API.md", List.of("api.")),
            new Area("The demo", "../README.md#start", List.of("filflow.demo.")));

    private ConfigurationReference() {
    }

    /** The lines between (and including) {@link #BEGIN} and {@link #END}. */
    static String markdown() {
        Map<String, List<ConfigKey>> byArea = new LinkedHashMap<>();
        AREAS.forEach(area -> byArea.put(area.title(), new ArrayList<>()));
        List<ConfigKey> other = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            AREAS.stream().filter(area -> area.owns(key.property())).findFirst()
                    .ifPresentOrElse(area -> byArea.get(area.title()).add(key), () -> other.add(key));
        }
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        for (Area area : AREAS) {
            table(out, "## " + area.title() + "\n\nExplained in [" + area.page().replaceAll("#.*", "") + "](" + area.page() + ").",
                    byArea.get(area.title()));
        }
        table(out, "## Other settings", other);
        return out.append('\n').append(END).append('\n').toString();
    }

    private static void table(StringBuilder out, String heading, List<ConfigKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        out.append('\n').append(heading).append("\n\n| variable | property | default | meaning |\n|---|---|---|---|\n");
        for (ConfigKey key : keys) {
            out.append("| `").append(key.env()).append("` | `").append(key.property()).append("` | ")
                    .append(defaultText(key.defaultValue())).append(" | ").append(key.description()).append(" |\n");
        }
    }

    /** How a default reads in a table: unset, empty, another key's value, or the value. */
    static String defaultText(String value) {
        if (value == null) {
            return "unset";
        }
        if (value.isEmpty()) {
            return "empty";
        }
        if (value.startsWith("{{") && value.endsWith("}}")) {
            return "as `" + value.substring(2, value.length() - 2) + "`";
        }
        return "`" + value.replace("|", "\\|") + "`";
    }
}
