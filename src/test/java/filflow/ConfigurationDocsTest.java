package filflow;

import embedded.ChdbProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer reads (README, application.properties, scripts) matches the code. */
class ConfigurationDocsTest {
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\{\\{([a-z0-9.\\-]+):([^}]*)}}");
    private static final Pattern ENV_DEFAULT = Pattern.compile("(?m)^([a-z0-9.\\-]+)\\s*=\\s*\\{\\{env:([A-Z0-9_]+):([^}]*)}}");

    @Test
    void everyConfigKeyIsDocumentedInAReadmeTableWithItsProperty() throws IOException {
        List<List<String>> rows = readmeTableRows();

        for (ConfigKey key : ConfigKey.values()) {
            assertThat(rows).as(key.env() + " / " + key.property() + " in a README table")
                    .anyMatch(cells -> cells.contains(key.env()) && cells.contains(key.property()));
        }
    }

    @Test
    void readmeConfigurationTableListsOnlyConfigKeys() throws IOException {
        Map<String, String> table = configurationTable();

        assertThat(table).isNotEmpty();
        table.forEach((env, property) -> assertThat(Arrays.stream(ConfigKey.values()))
                .as(env).anyMatch(key -> key.env().equals(env) && key.property().equals(property)));
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

    /** Every row of every README table, cells without backticks. */
    private static List<List<String>> readmeTableRows() throws IOException {
        return Files.readAllLines(Path.of("README.md")).stream().filter(line -> line.startsWith("|"))
                .map(line -> Arrays.stream(line.split("\\|")).map(cell -> cell.trim().replace("`", "")).toList())
                .toList();
    }

    /** variable → property from the table under "## Configuration". */
    static Map<String, String> configurationTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("## Configuration");
        assertThat(start).as("README has a Configuration section").isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("|")) {
                String[] cells = line.split("\\|");
                String variable = cells[1].trim();
                if (inTable && variable.startsWith("`")) {
                    rows.put(variable.replace("`", ""), cells[2].trim().replace("`", ""));
                }
                inTable = true;
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    /** The commands of the first fenced block, without comments. */
    private static List<String> firstScreenCommands() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int open = readme.indexOf("```\n");
        int close = readme.indexOf("```", open + 4);
        return readme.substring(open + 4, close).lines()
                .map(line -> line.replaceAll("\\s+#.*$", "").trim()).filter(line -> !line.isEmpty()).toList();
    }
}
