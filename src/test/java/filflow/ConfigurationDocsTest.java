package filflow;

import embedded.ChdbProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer reads (README, application.properties, scripts) matches the code. */
class ConfigurationDocsTest {
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\{\\{([a-z0-9.\\-]+):([^}]*)}}");
    private static final Pattern SETTING = Pattern.compile("^([a-z][a-z0-9.\\-]*)\\s*=(.*)$");
    /** {{name:default}} and {{env:NAME:default}}: the default. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(?:env:)?([A-Za-z0-9_.\\-]+):([^}]*)}}");
    private static final Pattern ENV_DEFAULT = Pattern.compile("(?m)^([a-z0-9.\\-]+)\\s*=\\s*\\{\\{env:([A-Z0-9_]+):([^}]*)}}");

    @Test
    void theConfigurationReferenceIsGeneratedFromConfigKey() throws IOException {
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
            assertThat(cells.get(1)).as(key.env() + " default in README").startsWith(ConfigurationReference.defaultText(key.defaultValue()));
        }
    }

    @Test
    void everySettingOfApplicationPropertiesIsAConfigKeyWithTheSameDefault() throws IOException {
        Map<String, ConfigKey> byProperty = Arrays.stream(ConfigKey.values())
                .collect(Collectors.toMap(ConfigKey::property, key -> key));
        int checked = 0;
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            Matcher m = SETTING.matcher(line);
            if (!m.matches() || m.group(1).startsWith("camel.")) {
                continue;
            }
            ConfigKey key = byProperty.get(m.group(1));
            assertThat(key).as(m.group(1) + " of application.properties is a filflow.ConfigKey").isNotNull();
            String value = PLACEHOLDER.matcher(m.group(2).trim()).replaceAll(r -> Matcher.quoteReplacement(r.group(2)));
            String expected = key.defaultValue() == null ? "" : key.defaultValue();
            if (!expected.startsWith("{{")) {
                assertThat(value).as(key.property() + " default").isEqualTo(expected);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void applicationPropertiesDefaultsAgreeWithConfigKeys() throws IOException {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        Map<String, ConfigKey> byProperty = Arrays.stream(ConfigKey.values())
                .collect(Collectors.toMap(ConfigKey::property, key -> key));
        Matcher matcher = PLACEHOLDER_DEFAULT.matcher(properties);
        int checked = 0;
        while (matcher.find()) {
            ConfigKey key = byProperty.get(matcher.group(1));
            if (key != null) {
                assertThat(matcher.group(2)).as(key.property()).isEqualTo(key.defaultValue());
                checked++;
            }
        }
        Matcher env = ENV_DEFAULT.matcher(properties);
        while (env.find()) {
            ConfigKey key = byProperty.get(env.group(1));
            if (key != null) {
                String expected = key.defaultValue() == null ? "" : key.defaultValue();
                assertThat(env.group(3)).as(key.property()).isEqualTo(expected);
                assertThat(env.group(2)).as(key.property()).isEqualTo(key.env());
                checked++;
            }
        }
        assertThat(checked).as("HTTP_PORT, MANAGEMENT_PORT and LOTUS_URL at least").isGreaterThanOrEqualTo(3);
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
