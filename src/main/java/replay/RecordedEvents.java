package replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events of the recorded heights ({@code ethlog_H}, {@code nativelog_H}). Heights without a file
 * contribute nothing; a range without any recording is an error, never an invented empty answer.
 */
final class RecordedEvents implements EventSource {
    private final RecordedChain recorded;
    private final ObjectMapper mapper;
    private final Map<String, List<JsonNode>> files = new ConcurrentHashMap<>();

    RecordedEvents(RecordedChain recorded, ObjectMapper mapper) {
        this.recorded = recorded;
        this.mapper = mapper;
    }

    @Override
    public long head() {
        return recorded.tipsets().lastKey();
    }

    @Override
    public List<JsonNode> ethLogs(long from, long to) {
        return collect(FixtureDirectory.Kind.ETHLOG, from, to, "EVM logs");
    }

    @Override
    public List<JsonNode> ethLogsOfBlock(String blockHash) {
        List<JsonNode> out = new ArrayList<>();
        for (long h : recorded.directory().heights(FixtureDirectory.Kind.ETHLOG).keySet()) {
            file(FixtureDirectory.Kind.ETHLOG, h).stream()
                    .filter(l -> blockHash.equalsIgnoreCase(l.path("blockHash").asText())).forEach(out::add);
        }
        return out;
    }

    @Override
    public List<JsonNode> actorEvents(long from, long to) {
        return collect(FixtureDirectory.Kind.NATIVELOG, from, to, "actor events");
    }

    @Override
    public List<JsonNode> actorEvents(List<String> tipsetKey) {
        long h = recorded.heightOf(tipsetKey);
        return collect(FixtureDirectory.Kind.NATIVELOG, h, h, "actor events");
    }

    @Override
    public String messageOfTransaction(String hash) {
        for (long h : recorded.directory().heights(FixtureDirectory.Kind.ETHLOG).keySet()) {
            for (JsonNode log : file(FixtureDirectory.Kind.ETHLOG, h)) {
                if (hash.equalsIgnoreCase(log.path("transactionHash").asText()) && log.path("transactionCid").isTextual()) {
                    return log.path("transactionCid").asText();
                }
            }
        }
        return null;
    }

    /** A recorded file's entries ("null" when the tipset had none). */
    List<JsonNode> file(FixtureDirectory.Kind kind, long height) {
        return files.computeIfAbsent(kind + ":" + height, k -> {
            try {
                JsonNode n = mapper.readTree(recorded.load(kind, height));
                List<JsonNode> out = new ArrayList<>();
                if (n != null && n.isArray()) {
                    n.forEach(out::add);
                }
                return List.copyOf(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    boolean has(FixtureDirectory.Kind kind, long height) {
        return recorded.directory().has(kind, height);
    }

    private List<JsonNode> collect(FixtureDirectory.Kind kind, long from, long to, String what) {
        NavigableMap<Long, ?> range = from > to ? java.util.Collections.emptyNavigableMap()
                : recorded.directory().heights(kind).subMap(from, true, to, true);
        if (range.isEmpty()) {
            throw LotusErrors.eventsNotRecorded(what + " between heights " + from + " and " + to);
        }
        List<JsonNode> out = new ArrayList<>();
        range.keySet().forEach(h -> out.addAll(file(kind, h)));
        return out;
    }
}
