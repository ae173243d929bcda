package filflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every command the README gives a newcomer is exercised somewhere: run by CI (.ci/run and the
 * smoke run of the README's commands, .ci/smoke, which runs bin/demo), requested by DemoTest (the
 * curl lines of "A first request"), or, for the two Docker commands that cannot run where the
 * tests run, read by DockerComposeTest. The documentation list at the end names scripts as links
 * to their docs, not as commands to run, and is left out.
 */
class ReadmeCommandsTest {
    private static final Pattern INLINE_COMMAND = Pattern.compile("`((?:mvn |\\./mvnw|bin/)[^`]*)`");
    private static final Pattern LOCAL_CURL = Pattern.compile("curl -s http://localhost:\\d+(\\S+)");
    /** No Docker on the test machines: DockerComposeTest reads the compose file, the image and the build context instead. */
    private static final Set<String> DOCKER_ONLY = Set.of("cp .env.example .env", "docker compose up -d");

    @Test
    void everyCommandOfTheReadmeIsRunByCiOrATest() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String beforeDocs = readme.substring(0, readme.indexOf("## Documentation"));
        List<String> ciLines = new ArrayList<>();
        for (String file : List.of(".ci/run", ".ci/smoke", "bin/demo", "pom.xml")) {
            ciLines.addAll(Files.readAllLines(Path.of(file)));
        }
        List<String> firstRequests = DemoTest.readmeFirstRequestPaths();

        List<String> commands = new ArrayList<>(codeBlockLines(beforeDocs));
        Matcher inline = INLINE_COMMAND.matcher(beforeDocs);
        while (inline.find()) {
            commands.add(inline.group(1));
        }
        assertThat(commands).as("the README's commands").contains("mvn compile camel:run", "mvn -B test", "bin/demo");
        for (String command : commands) {
            Matcher curl = LOCAL_CURL.matcher(command);
            if (curl.matches()) {
                assertThat(firstRequests).as(command + ": requested by DemoTest").contains(curl.group(1));
            } else if (DOCKER_ONLY.contains(command)) {
                assertThat(Path.of("src/test/java/filflow/DockerComposeTest.java")).exists();
            } else {
                assertThat(ciLines.stream().anyMatch(line -> containsInOrder(line, command)))
                        .as(command + ": run by .ci/run, .ci/smoke (bin/demo) or the build").isTrue();
            }
        }
    }

    /** The commands of the fenced code blocks, without their comments. */
    private static List<String> codeBlockLines(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
            } else if (inBlock) {
                String command = line.replaceAll("\\s+#.*$", "").trim();
                if (!command.isEmpty()) {
                    out.add(command);
                }
            }
        }
        return out;
    }

    /** The command's words appear in the line in the same order (options may sit between them). */
    private static boolean containsInOrder(String line, String command) {
        int at = 0;
        for (String word : Arrays.asList(command.trim().split("\\s+"))) {
            int found = line.indexOf(word, at);
            if (found < 0) {
                return false;
            }
            at = found + word.length();
        }
        return true;
    }

    @Test
    void theReadmeFitsAScreenOrTwo() throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md"))).as("README lines").hasSizeLessThanOrEqualTo(150);
    }
}
