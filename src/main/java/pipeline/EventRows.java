package pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import lotus.ActorEvent;
import lotus.EthLog;
import lotus.EventEntry;
import storage.rows.EventRow;

/**
 * Joins a tipset's native actor events ({@code GetActorEventsRaw}) and EVM logs ({@code EthGetLogs})
 * into one row per event: the k-th EVM log of a message is the k-th event of that message with the
 * EVM log shape (keys t1…t4, d). Logs with no native counterpart (a node without the native event
 * index) become rows of their own.
 */
final class EventRows {
    private static final Set<String> EVM_KEYS = Set.of("t1", "t2", "t3", "t4", "d");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventRows() {
    }

    /** Rows per message CID, each list in event order. */
    static Map<String, List<EventRow>> build(HeightContext ctx, List<ActorEvent> natives, List<EthLog> logs,
            Function<EthLog, String> messageOfLog, ActorCache book) {
        Map<String, List<EventRow>> byMessage = new LinkedHashMap<>();
        Map<String, List<Integer>> evmSlots = new LinkedHashMap<>();
        for (ActorEvent e : natives) {
            String msg = e.msgCid().toString();
            List<EventRow> rows = byMessage.computeIfAbsent(msg, k -> new ArrayList<>());
            boolean evm = isEvmShaped(e.entries());
            if (evm) {
                evmSlots.computeIfAbsent(msg, k -> new ArrayList<>()).add(rows.size());
            }
            String emitter = Addresses.canonical(e.emitter());
            Long emitterId = boxed(book.resolve(emitter, ctx.height(), ctx.key()));
            rows.add(new EventRow(ctx.height(), ctx.tipsetKey(), msg, rows.size(), emitter, emitterId,
                    evm ? "evm" : "native", entriesJson(e.entries()), e.reverted() ? 1 : 0, "", List.of(), "",
                    null, "", ctx.indexedAt()));
        }
        Map<String, Integer> used = new LinkedHashMap<>();
        for (EthLog log : logs) {
            String msg = messageOfLog.apply(log);
            if (msg == null) {
                continue;
            }
            List<EventRow> rows = byMessage.computeIfAbsent(msg, k -> new ArrayList<>());
            int k = used.merge(msg, 1, Integer::sum) - 1;
            List<Integer> slots = evmSlots.getOrDefault(msg, List.of());
            String address = Addresses.canonical(log.address());
            if (k < slots.size()) {
                int slot = slots.get(k);
                EventRow n = rows.get(slot);
                rows.set(slot, withLog(n, log, address));
            } else {
                String emitter = Addresses.delegatedOfEth(address);
                Long emitterId = boxed(book.resolve(address, ctx.height(), ctx.key()));
                EventRow bare = new EventRow(ctx.height(), ctx.tipsetKey(), msg, rows.size(),
                        emitter == null ? address : emitter, emitterId, "evm", "", log.removed() ? 1 : 0, "",
                        List.of(), "", null, "", ctx.indexedAt());
                rows.add(withLog(bare, log, address));
            }
        }
        return byMessage;
    }

    private static EventRow withLog(EventRow r, EthLog log, String address) {
        return new EventRow(r.height(), r.tipsetKey(), r.messageCid(), r.idx(), r.emitter(), r.emitterId(), "evm",
                r.entries(), r.reverted(), address, log.topics().stream().map(Addresses::canonical).toList(),
                log.data() == null ? "0x" : log.data().toLowerCase(java.util.Locale.ROOT),
                (int) log.logIndex(), Addresses.canonical(log.transactionHash()), r.indexedAt());
    }

    static boolean isEvmShaped(List<EventEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            return false;
        }
        for (EventEntry e : entries) {
            if (!EVM_KEYS.contains(e.key())) {
                return false;
            }
        }
        return true;
    }

    private static String entriesJson(List<EventEntry> entries) {
        ArrayNode array = JSON.createArrayNode();
        if (entries != null) {
            for (EventEntry e : entries) {
                array.addObject().put("flags", e.flags()).put("key", e.key()).put("codec", e.codec())
                        .put("value", e.value() == null ? "" : Base64.getEncoder().encodeToString(e.value()));
            }
        }
        return array.toString();
    }

    private static Long boxed(java.util.OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
