package codec.actors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the recorded fixtures of the repository ({@link testsupport.Fixtures}). */
final class Fixtures {
    static final Path LOTUS = testsupport.Fixtures.LOTUS;
    static final Path ACTOR_CBOR = testsupport.Fixtures.ACTOR_CBOR;
    static final ObjectMapper JSON = new ObjectMapper();
    /** Go gob envelopes and other non-CBOR files the fixture README says to ignore. */
    private static final Set<String> NOT_CBOR = Set.of("Message", "Tipset", "ethLogs");

    /** One raw params or return sample: actor-cbor/&lt;actor&gt;/&lt;method&gt;/&lt;kind&gt;. */
    record Sample(String actor, String method, String kind, Path file) {
        boolean isParams() {
            return kind.equals("Params");
        }

        byte[] bytes() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return actor + "/" + method + "/" + kind;
        }
    }

    private Fixtures() {
    }

    static List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ACTOR_CBOR)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                Path rel = ACTOR_CBOR.relativize(f);
                String kind = rel.getFileName().toString();
                if (rel.getNameCount() == 3 && (kind.equals("Params") || kind.equals("Return"))) {
                    out.add(new Sample(rel.getName(0).toString(), rel.getName(1).toString(), kind, f));
                } else if (rel.getNameCount() == 3 && !NOT_CBOR.contains(kind) && !kind.endsWith(".csv")) {
                    throw new IllegalStateException("unexpected fixture file " + rel);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Path> traceFiles() {
        try (Stream<Path> files = Files.list(LOTUS.resolve("mainnet"))) {
            List<Path> out = new ArrayList<>(files.filter(f -> f.getFileName().toString().startsWith("traces_")).toList());
            try (Stream<Path> cal = Files.list(LOTUS.resolve("calibnet"))) {
                out.addAll(cal.filter(f -> f.getFileName().toString().startsWith("traces_")).toList());
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
