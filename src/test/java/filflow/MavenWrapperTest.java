package filflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Arrays;

/**
 * The Maven wrapper pins one Maven release, fetched from Maven Central's standard address only,
 * inside the range the build enforces, and the Docker build uses that same release.
 */
class MavenWrapperTest {
    private static final Pattern CENTRAL = Pattern.compile(
            "https://repo\\.maven\\.apache\\.org/maven2/org/apache/maven/apache-maven/([0-9.]+)/apache-maven-\\1-bin\\.zip");

    @Test
    void pinsOneMavenReleaseFromMavenCentralWithinTheEnforcedRange() throws Exception {
        Properties wrapper = wrapperProperties();
        assertThat(wrapper.stringPropertyNames()).as("no mirror, no wrapper jar to download")
                .containsExactlyInAnyOrder("wrapperVersion", "distributionType", "distributionUrl");
        assertThat(wrapper.getProperty("distributionType")).isEqualTo("only-script");
        Matcher url = CENTRAL.matcher(wrapper.getProperty("distributionUrl"));
        assertThat(url.matches()).as(wrapper.getProperty("distributionUrl")).isTrue();

        // the enforcer's range is written [lowest,above)
        Matcher enforced = Pattern.compile("<requireMavenVersion><version>\\[([0-9.]+),([0-9.]+)\\)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(enforced.find()).as("pom.xml enforces a Maven range").isTrue();
        assertThat(compare(url.group(1), enforced.group(1))).as(url.group(1) + " >= " + enforced.group(1)).isGreaterThanOrEqualTo(0);
        assertThat(compare(url.group(1), enforced.group(2))).as(url.group(1) + " < " + enforced.group(2)).isNegative();

        assertThat(Files.readString(Path.of("Dockerfile"))).as("the image is built with the wrapper's Maven")
                .contains("FROM maven:" + url.group(1) + "-");
        assertThat(Files.isExecutable(Path.of("mvnw"))).isTrue();
    }

    private static int compare(String a, String b) {
        int[] x = Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] y = Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(Arrays.copyOf(x, 3), Arrays.copyOf(y, 3));
    }

    private static Properties wrapperProperties() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(".mvn/wrapper/maven-wrapper.properties"))) {
            p.load(in);
        }
        return p;
    }
}
