package filflow;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated part of docs/CONFIGURATION.md: every {@link ConfigKey}, grouped by the area its
 * property names, in declaration order, with its default as application.properties sets it.
 * ConfigurationDocsTest checks the page against it (and rewrites it with {@code -Dfilflow.docs.write=true}).
 */
final class ConfigurationReference {
    static final String BEGIN = "<!-- BEGIN generated from filflow.ConfigKey and application.properties by"
            + " ConfigurationDocsTest: edit those, not this -->";
    static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    /** {{env:NAME:default}}, {{key:default}} or {{key}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(env:)?([A-Za-z0-9_.\\-]+)(?::([^}]*))?}}");
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
                    .append(defaultText(key)).append(" | ").append(key.description()).append(" |\n");
        }
    }

    /** application.properties as written (placeholders unresolved). */
    static Properties bundled() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** How a key's default reads in a table: unset, another key's value, or the value. */
    static String defaultText(ConfigKey key) {
        String value = bundled().getProperty(key.property(), "").trim();
        Matcher whole = PLACEHOLDER.matcher(value);
        if (whole.matches() && whole.group(1) == null && whole.group(3) == null) {
            return "as `" + envOf(whole.group(2)) + "`";
        }
        // a variable read explicitly, or another key, written as its default or its variable's name
        value = PLACEHOLDER.matcher(value).replaceAll(m -> Matcher.quoteReplacement(
                m.group(3) != null ? m.group(3) : m.group(1) != null ? m.group(2) : envOf(m.group(2))));
        return value.isEmpty() ? "unset" : "`" + value.replace("|", "\\|") + "`";
    }

    private static String envOf(String property) {
        return Arrays.stream(ConfigKey.values()).filter(k -> k.property().equals(property)).map(ConfigKey::env)
                .findFirst().orElse(property);
    }
}
