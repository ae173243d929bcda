package trace;

import testsupport.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The recorded {@code traces_H.json.gz} files under fixtures/lotus. */
final class TraceFixtures {
    static final Path LOTUS = Fixtures.LOTUS;

    private TraceFixtures() {
    }

    static List<Path> all() {
        return Stream.concat(of("calibnet").stream(), of("mainnet").stream()).toList();
    }

    static List<Path> of(String network) {
        try (Stream<Path> files = Files.list(LOTUS.resolve(network))) {
            return files.filter(p -> p.getFileName().toString().matches("traces_\\d+\\.json\\.gz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(String network, long height) {
        return LOTUS.resolve(network).resolve("traces_" + height + ".json.gz");
    }

    static long height(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring("traces_".length(), name.indexOf('.')));
    }

    static String network(Path file) {
        return file.getParent().getFileName().toString();
    }

    static InputStream open(Path file) throws IOException {
        return new GZIPInputStream(Files.newInputStream(file), 1 << 16);
    }

    static byte[] bytes(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        }
    }
}
