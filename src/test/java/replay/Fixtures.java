package replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads the recordings directly (independently of the replay node) for expected values. */
final class Fixtures {
    static final Path LOTUS = testsupport.Fixtures.LOTUS;
    static final Path CALIBNET = testsupport.Fixtures.CALIBNET;
    static final Path MAINNET = testsupport.Fixtures.MAINNET;
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    static byte[] raw(Path dir, String kind, long height) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(kind + "_" + height + ".json.gz")))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path dir, String kind, long height) {
        try {
            return MAPPER.readTree(raw(dir, kind, height));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heights with a file of {@code kind}, ascending. */
    static List<Long> heights(Path dir, String kind) {
        Pattern p = Pattern.compile(kind + "_(\\d+)\\.json\\.gz");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> p.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tipset as Lotus prints it: the recording without its extra BlockMessages key. */
    static JsonNode tipset(Path dir, long height) {
        com.fasterxml.jackson.databind.node.ObjectNode ts = (com.fasterxml.jackson.databind.node.ObjectNode) json(dir, "tipset",
                height);
        ts.remove("BlockMessages");
        return ts;
    }
}
