package pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import testsupport.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * What the recorded fixture files say about a height, computed with a plain Jackson tree walk of the
 * gzip JSON — independent of the production trace reader, decoders and Lotus client.
 */
public final class FixtureCounts {
    static final Path LOTUS = Fixtures.LOTUS;
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Counts(int blocks, int messages, int implicitMessages, int subcalls, int failedMessages, int events,
            int creations) {
    }

    private FixtureCounts() {
    }

    public static List<Long> recordedHeights(String network) {
        TreeSet<Long> heights = new TreeSet<>();
        try (var files = Files.list(LOTUS.resolve(network))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tipset_"))
                    .forEach(n -> heights.add(Long.parseLong(n.substring(7, n.indexOf('.')))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(heights);
    }

    private static final Map<String, JsonNode> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The parsed fixture file, or null when it is absent or holds JSON null (parsed once per JVM). */
    static JsonNode read(String network, String kind, long height) {
        JsonNode n = CACHE.computeIfAbsent(network + "/" + kind + "/" + height,
                k -> readFile(network, kind, height));
        return n.isMissingNode() ? null : n;
    }

    private static JsonNode readFile(String network, String kind, long height) {
        Path p = LOTUS.resolve(network).resolve(kind + "_" + height + ".json.gz");
        if (!Files.exists(p)) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            JsonNode n = JSON.readTree(in);
            return n == null || n.isNull() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean hasTraces(String network, long height) {
        return read(network, "traces", height) != null;
    }

    public static Counts counts(String network, long height) {
        JsonNode tipset = read(network, "tipset", height);
        JsonNode traces = read(network, "traces", height);
        int messages = 0;
        int implicit = 0;
        int subcalls = 0;
        int failed = 0;
        int creations = 0;
        for (JsonNode ir : traces.path("Trace")) {
            String from = ir.path("Msg").path("From").asText();
            if (from.equals("f00") || from.equals("t00")) {
                implicit++;
            } else {
                messages++;
            }
            if (ir.path("MsgRct").path("ExitCode").asLong() != 0 || !ir.path("Error").asText("").isEmpty()) {
                failed++;
            }
            JsonNode root = ir.path("ExecutionTrace");
            subcalls += descendants(root);
            creations += creations(root);
        }
        return new Counts(tipset.path("Blocks").size(), messages, implicit, subcalls, failed,
                events(network, height), creations);
    }

    private static int descendants(JsonNode call) {
        int n = 0;
        for (JsonNode c : call.path("Subcalls")) {
            n += 1 + descendants(c);
        }
        return n;
    }

    /** Successful calls to Init (f01) Exec/Exec4 or to the EAM (f010) Create/Create2/CreateExternal, any depth. */
    private static int creations(JsonNode call) {
        String to = call.path("Msg").path("To").asText();
        long method = call.path("Msg").path("Method").asLong();
        boolean ok = call.path("MsgRct").path("ExitCode").asLong() == 0;
        boolean creation = ok && (to.endsWith("01") && to.length() == 3 && (method == 2 || method == 3)
                || to.endsWith("010") && to.length() == 4 && method >= 2 && method <= 4);
        int n = creation ? 1 : 0;
        for (JsonNode c : call.path("Subcalls")) {
            n += creations(c);
        }
        return n;
    }

    /** Native events, plus EVM logs that have no native event of EVM shape to stand for them. */
    static int events(String network, long height) {
        JsonNode natives = read(network, "nativelog", height);
        JsonNode logs = read(network, "ethlog", height);
        Map<String, Integer> evmNatives = new HashMap<>();
        int n = 0;
        if (natives != null) {
            for (JsonNode e : natives) {
                n++;
                boolean evm = e.path("entries").size() > 0;
                for (JsonNode entry : e.path("entries")) {
                    evm &= entry.path("Key").asText().matches("t[1-4]|d");
                }
                if (evm) {
                    evmNatives.merge(e.path("msgCid").path("/").asText(), 1, Integer::sum);
                }
            }
        }
        if (logs != null) {
            Map<String, Integer> perMessage = new HashMap<>();
            for (JsonNode l : logs) {
                perMessage.merge(l.path("transactionCid").asText(), 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : perMessage.entrySet()) {
                n += Math.max(0, e.getValue() - evmNatives.getOrDefault(e.getKey(), 0));
            }
        }
        return n;
    }
}
