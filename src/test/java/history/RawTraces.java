package history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import testsupport.Fixtures;
import trace.ComputeResult;
import trace.TraceReader;

/** The recorded traces read two ways: raw JSON (the expected values) and through {@link TraceReader}. */
final class RawTraces {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Recording(String network, long height, Path traces, Path tipset) {
        JsonNode raw() {
            return read(traces);
        }

        JsonNode rawTipset() {
            return read(tipset);
        }

        ComputeResult parsed() {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(traces))) {
                return new TraceReader().readComputeResult(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The base fee the tipset's messages paid: its blocks' ParentBaseFee. */
        BigInteger baseFee() {
            return new BigInteger(rawTipset().path("Blocks").get(0).path("ParentBaseFee").asText());
        }

        @Override
        public String toString() {
            return network + " " + height;
        }
    }

    private RawTraces() {
    }

    /** Every recorded height with a trace, both networks. */
    static List<Recording> all() {
        List<Recording> out = new ArrayList<>();
        for (Path dir : List.of(Fixtures.CALIBNET, Fixtures.MAINNET)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("traces_")).sorted()
                        .forEach(n -> {
                            long h = Long.parseLong(n.substring("traces_".length(), n.indexOf('.')));
                            out.add(new Recording(dir.getFileName().toString(), h, dir.resolve(n),
                                    dir.resolve("tipset_" + h + ".json.gz")));
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static JsonNode read(Path gz) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frames of a raw ExecutionTrace in pre-order, with their parent's position (-1 for the root). */
    static List<RawFrame> frames(JsonNode executionTrace) {
        List<RawFrame> out = new ArrayList<>();
        walk(executionTrace, -1, out);
        return out;
    }

    private static void walk(JsonNode call, int parent, List<RawFrame> out) {
        int idx = out.size();
        out.add(new RawFrame(idx, parent, call));
        for (JsonNode sub : call.path("Subcalls")) {
            walk(sub, idx, out);
        }
    }

    /** One raw call frame. */
    record RawFrame(int idx, int parent, JsonNode call) {
        long exitCode() {
            return call.path("MsgRct").path("ExitCode").asLong();
        }

        BigInteger value() {
            return new BigInteger(call.path("Msg").path("Value").asText("0"));
        }

        Long fromId() {
            return id(call.path("Msg").path("From").asText());
        }

        /** The callee: the recorded invoked actor, else an ID address as printed. */
        Long toId() {
            JsonNode invoked = call.path("InvokedActor");
            return invoked.isObject() ? invoked.path("Id").asLong() : id(call.path("Msg").path("To").asText());
        }

        /** The invoked actor's recorded state, or null. */
        JsonNode state() {
            JsonNode s = call.path("InvokedActor").path("State");
            return s.isObject() ? s : null;
        }

        static Long id(String address) {
            if (address.length() > 2 && address.charAt(1) == '0') {
                return Long.parseLong(address.substring(2));
            }
            return null;
        }
    }
}
