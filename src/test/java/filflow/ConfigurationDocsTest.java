package filflow;

import embedded.ChdbProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer reads (README, application.properties, scripts) matches the code. */
class ConfigurationDocsTest {
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\{\\{([a-z0-9.\\-]+):([^}]*)}}");
    /** {@code {{key:default}}} anywhere but application.properties ({@code {{env:NAME:default}}} is how a variable is read there). */
    private static final Pattern INLINE_DEFAULT = Pattern.compile("\\{\\{(?!env:)([A-Za-z0-9.\\-]+):([^}]*)}}");
    /** A configured value read in Java with a fallback of its own: {@code resolveProperty(..).orElse("…")}, {@code find(ConfigKey.X).orElse("…")}. */
    private static final Pattern JAVA_DEFAULT = Pattern.compile("(resolveProperty\\([^;]*?|find\\(ConfigKey\\.[A-Z0-9_]+\\))\\s*\\.orElse\\(\"[^\"]*\"\\)");
    private static final Pattern ENV_DEFAULT = Pattern.compile("(?m)^([a-z0-9.\\-]+)\\s*=\\s*\\{\\{env:([A-Z0-9_]+):([^}]*)}}");

    @Test
    void theConfigurationReferenceIsGeneratedFromConfigKeyAndApplicationProperties() throws IOException {
        Path page = Path.of("docs/CONFIGURATION.md");
        String text = Files.readString(page);
        int begin = text.indexOf(ConfigurationReference.BEGIN);
        int end = text.indexOf(ConfigurationReference.END);
        assertThat(begin).as("docs/CONFIGURATION.md has the generated block").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String current = text.substring(begin, end + ConfigurationReference.END.length() + 1);
        String generated = ConfigurationReference.markdown();
        if (Boolean.getBoolean("filflow.docs.write") && !current.equals(generated)) {
            Files.writeString(page, text.substring(0, begin) + generated + text.substring(end + ConfigurationReference.END.length() + 1));
            current = generated;
        }
        assertThat(current).as("docs/CONFIGURATION.md is stale: regenerate it with "
                + "mvn -o -B test -Dtest=ConfigurationDocsTest -Dfilflow.docs.write=true").isEqualTo(generated);
    }

    @Test
    void readmeSettingsTableShowsConfigKeysWithTheirDefaults() throws IOException {
        List<List<String>> rows = readmeSettingsRows();

        assertThat(rows).hasSizeBetween(8, 14);
        for (List<String> cells : rows) {
            ConfigKey key = Arrays.stream(ConfigKey.values()).filter(k -> cells.get(0).equals("`" + k.env() + "`"))
                    .findFirst().orElseThrow(() -> new AssertionError(cells.get(0) + " in README is not a ConfigKey"));
            assertThat(cells.get(1)).as(key.env() + " default in README").startsWith(ConfigurationReference.defaultText(key));
        }
    }

    @Test
    void applicationPropertiesSetsEveryConfigKeyAndNothingElse() {
        Properties bundled = ConfigurationReference.bundled();
        Set<String> keys = Arrays.stream(ConfigKey.values()).map(ConfigKey::property).collect(Collectors.toSet());
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(bundled).as(key.property() + " has its default in application.properties (blank: unset)")
                    .containsKey(key.property());
        }
        for (String name : bundled.stringPropertyNames()) {
            if (!name.startsWith("camel.")) {
                assertThat(keys).as(name + " of application.properties is a filflow.ConfigKey").contains(name);
            }
        }
    }

    @Test
    void aDefaultIsWrittenOnceOnItsOwnLine() throws IOException {
        String properties = Files.readString(ConfigurationReference.PROPERTIES);
        Map<String, ConfigKey> byProperty = Arrays.stream(ConfigKey.values())
                .collect(Collectors.toMap(ConfigKey::property, key -> key));
        Matcher inline = PLACEHOLDER_DEFAULT.matcher(properties);
        while (inline.find()) {
            assertThat(byProperty).as("{{" + inline.group(1) + ":" + inline.group(2) + "}} repeats the default of "
                    + inline.group(1) + ", set on its own line").doesNotContainKey(inline.group(1));
        }
        Matcher env = ENV_DEFAULT.matcher(properties);
        int checked = 0;
        while (env.find()) {
            ConfigKey key = byProperty.get(env.group(1));
            assertThat(key).as(env.group(1)).isNotNull();
            assertThat(env.group(2)).as(key.property() + " reads its own variable").isEqualTo(key.env());
            checked++;
        }
        assertThat(checked).as("LOTUS_URL and ALERT_WEBHOOK_URL at least").isGreaterThanOrEqualTo(2);
    }

    @Test
    void noDefaultIsWrittenInCodeRoutesOrKamelets() throws IOException {
        List<Path> sources = new java.util.ArrayList<>();
        for (String root : List.of("src/main/java", "src/main/resources/routes", "kamelets")) {
            try (var files = Files.walk(Path.of(root))) {
                files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".yaml")).forEach(sources::add);
            }
        }
        assertThat(sources).as("the sources, routes and Kamelets were found").hasSizeGreaterThan(100);
        List<String> found = new java.util.ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            for (Pattern written : List.of(INLINE_DEFAULT, JAVA_DEFAULT)) {
                Matcher m = written.matcher(text);
                while (m.find()) {
                    found.add(source + ": " + m.group());
                }
            }
        }
        assertThat(found).as("defaults live in application.properties only; read the key without a fallback").isEmpty();
    }

    @Test
    void environmentVariablesFollowCamelsOverrideRuleUnlessReadExplicitly() throws IOException {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        for (ConfigKey key : ConfigKey.values()) {
            String camelName = key.property().toUpperCase().replace('.', '_').replace('-', '_');
            if (!camelName.equals(key.env())) {
                assertThat(properties).as(key.env() + " must be read as {{env:...}}").contains("{{env:" + key.env());
            }
        }
    }

    @Test
    void oneChdbVersionInPomScriptAndCode() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String script = Files.readString(Path.of("bin/fetch-chdb"));

        assertThat(pom).contains("<chdb.version>" + ChdbProcess.CHDB_VERSION + "</chdb.version>");
        assertThat(script).contains("VERSION=\"${1:-" + ChdbProcess.CHDB_VERSION + "}\"")
                .contains("[" + ChdbProcess.CHDB_VERSION + "]=\"sha512-");
    }

    @Test
    void ciRunsTheReadmeTestCommand() throws IOException {
        List<String> commands = firstScreenCommands();
        List<String> ci = Files.readAllLines(Path.of(".ci/run"));

        assertThat(commands).hasSize(2);
        assertThat(ci.get(ci.size() - 1)).isEqualTo(commands.get(1));
    }

    /** The rows (cells trimmed) of the table under README's "## Settings". */
    static List<List<String>> readmeSettingsRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("## Settings");
        assertThat(start).as("README has a Settings section").isNotNegative();
        List<List<String>> rows = new java.util.ArrayList<>();
        boolean inTable = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("|")) {
                List<String> cells = Arrays.stream(line.split("(?<!\\\\)\\|")).skip(1).map(String::trim).toList();
                if (inTable && cells.get(0).startsWith("`")) {
                    rows.add(cells);
                }
                inTable = true;
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    /** The commands of the first fenced block, without comments. */
    static List<String> firstScreenCommands() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int open = readme.indexOf("```\n");
        int close = readme.indexOf("```", open + 4);
        return readme.substring(open + 4, close).lines()
                .map(line -> line.replaceAll("\\s+#.*$", "").trim()).filter(line -> !line.isEmpty()).toList();
    }
}
