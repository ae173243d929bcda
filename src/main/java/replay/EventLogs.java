package replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * EthGetLogs and GetActorEventsRaw: the entries of an {@link EventSource}, filtered as Lotus
 * filters them; EthGetMessageCidByTransactionHash from the logs' transaction hashes (null when unseen).
 */
final class EventLogs {
    /** Widest height range one query may ask for, as Lotus's default MaxFilterHeightRange. */
    static final long MAX_RANGE = 2880;

    private final EventSource source;
    private final ObjectMapper mapper;

    EventLogs(EventSource source, ObjectMapper mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    void register(RpcMethods t) {
        t.add("Filecoin.EthGetLogs", p -> ethLogs(p.atMost(1).get(0)));
        t.add("Filecoin.GetActorEventsRaw", p -> actorEvents(p.atMost(1).get(0)));
        t.add("Filecoin.EthGetMessageCidByTransactionHash", p -> {
            String cid = source.messageOfTransaction(p.atMost(1).text(0));
            return json(cid == null ? mapper.nullNode() : mapper.createObjectNode().put("/", cid));
        });
    }

    private RpcBody ethLogs(JsonNode filter) {
        String blockHash = filter.path("blockHash").asText(null);
        List<JsonNode> logs;
        if (blockHash != null) {
            logs = source.ethLogsOfBlock(blockHash);
        } else {
            long from = ethBlock(filter.path("fromBlock"));
            long to = ethBlock(filter.path("toBlock"));
            checkRange(from, to);
            logs = source.ethLogs(from, to);
        }
        Set<String> addresses = lowerSet(filter.path("address"));
        JsonNode topics = filter.path("topics");
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode log : logs) {
            if ((addresses.isEmpty() || addresses.contains(log.path("address").asText().toLowerCase(Locale.ROOT)))
                    && topicsMatch(topics, log.path("topics"))) {
                out.add(log);
            }
        }
        return json(out);
    }

    private RpcBody actorEvents(JsonNode filter) {
        List<JsonNode> events;
        if (filter.path("tipsetKey").isArray()) {
            List<String> key = new java.util.ArrayList<>();
            filter.path("tipsetKey").forEach(c -> key.add(c.path("/").asText()));
            events = source.actorEvents(key);
        } else {
            long head = source.head();
            long from = filter.path("fromHeight").isIntegralNumber() ? filter.path("fromHeight").asLong() : head;
            long to = filter.path("toHeight").isIntegralNumber() ? filter.path("toHeight").asLong() : head;
            checkRange(from, to);
            events = source.actorEvents(from, to);
        }
        Set<String> emitters = new HashSet<>();
        filter.path("addresses").forEach(a -> emitters.add(AddressPrefix.canonical(a.asText())));
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode event : events) {
            if ((emitters.isEmpty() || emitters.contains(AddressPrefix.canonical(event.path("emitter").asText())))
                    && fieldsMatch(filter.path("fields"), event.path("entries"))) {
                out.add(event);
            }
        }
        return json(out);
    }

    private static void checkRange(long from, long to) {
        if (to - from > MAX_RANGE) {
            throw RpcException.method("invalid epoch range: to epoch is too far away from the from epoch");
        }
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
            case "latest", "pending", "safe", "finalized", "" -> source.head();
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

    private RpcBody json(JsonNode node) {
        try {
            return RpcBody.of(mapper.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
