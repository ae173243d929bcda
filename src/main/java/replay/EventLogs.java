package replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EthGetLogs from the recorded {@code ethlog_H} files and GetActorEventsRaw from the recorded
 * {@code nativelog_H} files. Only recorded heights contribute; a query whose range holds no
 * recording is an error, never an invented empty answer.
 */
final class EventLogs {
    private final RecordedChain recorded;
    private final ObjectMapper mapper;
    private final Map<String, JsonNode> files = new ConcurrentHashMap<>();

    EventLogs(RecordedChain recorded, ObjectMapper mapper) {
        this.recorded = recorded;
        this.mapper = mapper;
    }

    void register(MethodTable t) {
        t.add("Filecoin.EthGetLogs", p -> ethLogs(p.atMost(1).get(0)));
        t.add("Filecoin.GetActorEventsRaw", p -> actorEvents(p.atMost(1).get(0)));
    }

    private RpcBody ethLogs(JsonNode filter) {
        NavigableMap<Long, ?> heights = recorded.directory().heights(FixtureDirectory.Kind.ETHLOG);
        String blockHash = filter.path("blockHash").asText(null);
        NavigableMap<Long, ?> range = blockHash != null ? heights
                : heights.subMap(ethBlock(filter.path("fromBlock")), true, ethBlock(filter.path("toBlock")), true);
        if (range.isEmpty()) {
            throw LotusErrors.notRecorded("EVM logs in the requested range");
        }
        Set<String> addresses = lowerSet(filter.path("address"));
        JsonNode topics = filter.path("topics");
        ArrayNode out = mapper.createArrayNode();
        for (long h : range.keySet()) {
            for (JsonNode log : file(FixtureDirectory.Kind.ETHLOG, h)) {
                if ((blockHash == null || blockHash.equalsIgnoreCase(log.path("blockHash").asText()))
                        && (addresses.isEmpty() || addresses.contains(log.path("address").asText().toLowerCase(Locale.ROOT)))
                        && topicsMatch(topics, log.path("topics"))) {
                    out.add(log);
                }
            }
        }
        return json(out);
    }

    private RpcBody actorEvents(JsonNode filter) {
        NavigableMap<Long, ?> heights = recorded.directory().heights(FixtureDirectory.Kind.NATIVELOG);
        long head = recorded.tipsets().lastKey();
        NavigableMap<Long, ?> range;
        if (filter.path("tipsetKey").isArray()) {
            long h = recorded.heightOf(cids(filter.path("tipsetKey")));
            range = heights.subMap(h, true, h, true);
        } else {
            long from = filter.path("fromHeight").isIntegralNumber() ? filter.path("fromHeight").asLong() : head;
            long to = filter.path("toHeight").isIntegralNumber() ? filter.path("toHeight").asLong() : head;
            range = heights.subMap(from, true, to, true);
        }
        if (range.isEmpty()) {
            throw LotusErrors.notRecorded("actor events in the requested range");
        }
        Set<String> emitters = new HashSet<>();
        filter.path("addresses").forEach(a -> emitters.add(AddressPrefix.canonical(a.asText())));
        ArrayNode out = mapper.createArrayNode();
        for (long h : range.keySet()) {
            for (JsonNode event : file(FixtureDirectory.Kind.NATIVELOG, h)) {
                if ((emitters.isEmpty() || emitters.contains(AddressPrefix.canonical(event.path("emitter").asText())))
                        && fieldsMatch(filter.path("fields"), event.path("entries"))) {
                    out.add(event);
                }
            }
        }
        return json(out);
    }

    /** Every key of {@code fields} must match one entry with that key and one of the listed codec/value pairs. */
    private static boolean fieldsMatch(JsonNode fields, JsonNode entries) {
        if (!fields.isObject()) {
            return true;
        }
        var it = fields.fields();
        while (it.hasNext()) {
            var f = it.next();
            boolean hit = false;
            for (JsonNode e : entries) {
                if (!f.getKey().equals(e.path("Key").asText())) {
                    continue;
                }
                for (JsonNode want : f.getValue()) {
                    hit |= want.path("codec").asLong(-1) == e.path("Codec").asLong()
                            && want.path("value").asText().equals(e.path("Value").asText());
                }
            }
            if (!hit) {
                return false;
            }
        }
        return true;
    }

    /** Ethereum topic filter: position i matches when null/empty, or equals one of the listed topics. */
    private static boolean topicsMatch(JsonNode want, JsonNode have) {
        if (!want.isArray()) {
            return true;
        }
        for (int i = 0; i < want.size(); i++) {
            JsonNode w = want.get(i);
            if (w.isNull() || (w.isArray() && w.isEmpty())) {
                continue;
            }
            String h = have.path(i).asText(null);
            if (h == null || !lowerSet(w).contains(h.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private long ethBlock(JsonNode tag) {
        String t = tag.asText("latest");
        return switch (t) {
            case "latest", "pending", "safe", "finalized", "" -> recorded.tipsets().lastKey();
            case "earliest" -> 0;
            default -> {
                try {
                    yield Long.parseLong(t.startsWith("0x") ? t.substring(2) : t, t.startsWith("0x") ? 16 : 10);
                } catch (NumberFormatException e) {
                    throw RpcException.invalidParams("invalid block number " + t);
                }
            }
        };
    }

    private static Set<String> lowerSet(JsonNode node) {
        Set<String> out = new HashSet<>();
        if (node.isTextual()) {
            out.add(node.asText().toLowerCase(Locale.ROOT));
        } else {
            node.forEach(n -> out.add(n.asText().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    private static List<String> cids(JsonNode key) {
        return java.util.stream.StreamSupport.stream(key.spliterator(), false).map(c -> c.path("/").asText()).toList();
    }

    private JsonNode file(FixtureDirectory.Kind kind, long height) {
        return files.computeIfAbsent(kind + ":" + height, k -> {
            try {
                JsonNode n = mapper.readTree(recorded.load(kind, height));
                return n == null || n.isNull() ? mapper.createArrayNode() : n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private RpcBody json(JsonNode node) {
        try {
            return RpcBody.of(mapper.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
