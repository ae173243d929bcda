package api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Executed messages, their sub-call trees and events: {@code GET /messages/{cid}[/subcalls|/events]}. */
public final class MessageQueries {
    static final String MESSAGE_COLUMNS = "height, tipset_key, cid, position, implicit, version,"
            + " from_address, to_address, from_id, to_id,"
            + " nonce, value, method, method_name, actor_type,"
            + " params, params_json, gas_limit, gas_fee_cap,"
            + " gas_premium, exit_code, return, return_json,"
            + " gas_used, base_fee_burn,"
            + " over_estimation_burn, miner_penalty,"
            + " miner_tip, refund, total_cost,"
            + " error, events_root, subcall_count, subcalls_available, event_count, eth_hash, block_cids,"
            + " toUnixTimestamp(timestamp) AS ts";
    private static final String SUBCALL_COLUMNS = "idx, parent_idx, depth, call_path, from_address, to_address,"
            + " from_id, to_id, value,"
            + " method, method_name, actor_type, code_cid, params, params_json,"
            + " exit_code, return, return_json, gas_limit,"
            + " gas_used, read_only, subcall_count";
    private static final String EVENT_COLUMNS = "idx, emitter, emitter_id, kind, entries,"
            + " reverted, eth_address, topics, data, log_index, eth_tx_hash";
    /** The (height, tipset_key, cid, attempt) of the canonical message a CID or eth hash {@code {k:String}} names. */
    private static final String LOCATE = "SELECT height, tipset_key, message_cid, indexed_at FROM cid_lookup FINAL"
            + " WHERE key = {k:String} AND kind IN ('message', 'eth_tx')"
            + " AND " + Canonical.among("SELECT height FROM cid_lookup FINAL WHERE key = {k:String}");

    private static final String UNEXECUTED_COLUMNS = "height, cid, block_cids, version, from_address, to_address,"
            + " nonce, value, method, params, gas_limit, gas_fee_cap, gas_premium, toUnixTimestamp(timestamp) AS ts";
    /** The canonical included-but-not-executed message a CID {@code {k:String}} names. */
    private static final String LOCATE_UNEXECUTED = "SELECT height, tipset_key, message_cid, indexed_at FROM cid_lookup FINAL"
            + " WHERE key = {k:String} AND kind = 'unexecuted'"
            + " AND " + Canonical.among("SELECT height FROM cid_lookup FINAL WHERE key = {k:String}");

    private final SqlRows rows;
    private final ActorDirectory actors;

    public MessageQueries(SqlRows rows, ActorDirectory actors) {
        this.rows = rows;
        this.actors = actors;
    }

    /**
     * {@code key} is a message CID or an Ethereum transaction hash, as the client sent it. A
     * message the blocks include but the tipset never executed answers with {@code executed: false}
     * and the body the block carries, without receipt.
     */
    public ObjectNode message(String key) {
        String k = lookupKey(key);
        Optional<ObjectNode> m = rows.first("SELECT " + MESSAGE_COLUMNS + " FROM messages FINAL"
                + " WHERE (height, tipset_key, cid, indexed_at) IN (" + LOCATE + ") LIMIT 1", Map.of("k", k));
        if (m.isPresent()) {
            return renderAll(List.of(m.get())).get(0);
        }
        return rows.first("SELECT " + UNEXECUTED_COLUMNS + " FROM unexecuted_messages FINAL"
                        + " WHERE (height, tipset_key, cid, indexed_at) IN (" + LOCATE_UNEXECUTED + ") LIMIT 1", Map.of("k", k))
                .map(this::unexecutedJson)
                .orElseThrow(() -> ApiException.notFound("message " + k + " is not indexed"));
    }

    public ObjectNode subcalls(String key) {
        ObjectNode m = locate(key);
        List<ObjectNode> calls = rows.query("SELECT " + SUBCALL_COLUMNS + " FROM subcalls FINAL"
                        + " WHERE height = {h:UInt64} AND message_cid = {c:String} AND " + Canonical.AT_HEIGHT + " ORDER BY idx",
                at(m));
        Map<Long, ActorRecord> known = actors.byIds(calls.stream()
                .flatMap(c -> java.util.stream.Stream.of(Rows.optionalNumber(c, "from_id"), Rows.optionalNumber(c, "to_id")))
                .filter(Objects::nonNull).toList());
        ObjectNode out = ApiJson.object();
        out.put("cid", Rows.text(m, "cid"));
        out.put("height", Rows.number(m, "height"));
        out.put("subcallsAvailable", Rows.flag(m, "subcalls_available"));
        out.put("subcallCount", calls.size());
        Map<Long, ArrayNode> children = new HashMap<>();
        ArrayNode top = out.putArray("subcalls");
        children.put(0L, top);
        for (ObjectNode c : calls) {   // pre-order: a parent always comes before its children
            ObjectNode node = subcallJson(c, known);
            ArrayNode siblings = children.get(Rows.number(c, "parent_idx"));
            (siblings == null ? top : siblings).add(node);
            children.put(Rows.number(c, "idx"), node.putArray("subcalls"));
        }
        return out;
    }

    public ObjectNode events(String key) {
        ObjectNode m = locate(key);
        List<ObjectNode> events = rows.query("SELECT " + EVENT_COLUMNS + " FROM events FINAL"
                + " WHERE height = {h:UInt64} AND message_cid = {c:String} AND " + Canonical.AT_HEIGHT + " ORDER BY idx", at(m));
        Map<Long, ActorRecord> known = actors.byIds(events.stream().map(e -> Rows.optionalNumber(e, "emitter_id"))
                .filter(Objects::nonNull).toList());
        ObjectNode out = ApiJson.object();
        out.put("cid", Rows.text(m, "cid"));
        out.put("height", Rows.number(m, "height"));
        ArrayNode items = out.putArray("items");
        for (ObjectNode e : events) {
            ObjectNode ev = items.addObject();
            ev.put("index", Rows.number(e, "idx"));
            ev.set("emitter", actors.render(Rows.optionalNumber(e, "emitter_id"), Rows.text(e, "emitter"), known));
            Rows.putText(ev, "kind", e, "kind");
            Rows.putJson(ev, "entries", e, "entries");
            ev.put("reverted", Rows.flag(e, "reverted"));
            Rows.putText(ev, "ethAddress", e, "eth_address");
            if (e.path("topics").size() > 0) {
                ev.set("topics", e.get("topics"));
            }
            Rows.putText(ev, "data", e, "data");
            Rows.putNumber(ev, "logIndex", e, "log_index");
            Rows.putText(ev, "ethTxHash", e, "eth_tx_hash");
        }
        out.putNull("nextCursor");
        return out;
    }

    /** Renders message rows with one actor lookup for all of them. */
    List<ObjectNode> renderAll(List<ObjectNode> messages) {
        Map<Long, ActorRecord> known = actors.byIds(messages.stream()
                .flatMap(m -> java.util.stream.Stream.of(Rows.optionalNumber(m, "from_id"), Rows.optionalNumber(m, "to_id")))
                .filter(Objects::nonNull).toList());
        List<ObjectNode> out = new ArrayList<>(messages.size());
        for (ObjectNode m : messages) {
            out.add(messageJson(m, known));
        }
        return out;
    }

    private ObjectNode locate(String key) {
        String k = lookupKey(key);
        return rows.first("SELECT " + MESSAGE_COLUMNS + " FROM messages FINAL"
                        + " WHERE (height, tipset_key, cid, indexed_at) IN (" + LOCATE + ") LIMIT 1", Map.of("k", k))
                .orElseThrow(() -> ApiException.notFound("message " + k + " is not indexed"));
    }

    /** A message CID in its canonical string form, or a lower-case Ethereum transaction hash. */
    static String lookupKey(String raw) {
        String v = RequestParams.required("cid", raw);
        return RequestParams.isEthHash(v) ? RequestParams.ethHash(v) : RequestParams.cid("cid", v).toString();
    }

    private static Map<String, Object> at(ObjectNode m) {
        return Map.of("h", Rows.number(m, "height"), "c", Rows.text(m, "cid"));
    }

    private ObjectNode messageJson(ObjectNode m, Map<Long, ActorRecord> known) {
        ObjectNode out = ApiJson.object();
        out.put("cid", Rows.text(m, "cid"));
        out.put("height", Rows.number(m, "height"));
        out.set("blockCids", m.get("block_cids"));
        out.put("executed", true);
        out.put("implicit", Rows.flag(m, "implicit"));
        out.put("position", Rows.number(m, "position"));
        out.put("version", Rows.number(m, "version"));
        out.set("from", actors.render(Rows.optionalNumber(m, "from_id"), Rows.text(m, "from_address"), known));
        out.set("to", actors.render(Rows.optionalNumber(m, "to_id"), Rows.text(m, "to_address"), known));
        Rows.putNumber(out, "nonce", m, "nonce");
        Rows.putAmount(out, "value", m, "value");
        Rows.putNumber(out, "method", m, "method");
        Rows.putText(out, "methodName", m, "method_name");
        Rows.putText(out, "actorType", m, "actor_type");
        Rows.putText(out, "params", m, "params");
        Rows.putJson(out, "paramsDecoded", m, "params_json");
        Rows.putNumber(out, "gasLimit", m, "gas_limit");
        Rows.putAmount(out, "gasFeeCap", m, "gas_fee_cap");
        Rows.putAmount(out, "gasPremium", m, "gas_premium");
        Rows.putNumber(out, "gasUsed", m, "gas_used");
        Rows.putAmount(out, "baseFeeBurn", m, "base_fee_burn");
        Rows.putAmount(out, "overEstimationBurn", m, "over_estimation_burn");
        Rows.putAmount(out, "minerPenalty", m, "miner_penalty");
        Rows.putAmount(out, "minerTip", m, "miner_tip");
        Rows.putAmount(out, "refund", m, "refund");
        Rows.putAmount(out, "totalCost", m, "total_cost");
        Rows.putNumber(out, "exitCode", m, "exit_code");
        Rows.putText(out, "return", m, "return");
        Rows.putJson(out, "returnDecoded", m, "return_json");
        Rows.putText(out, "error", m, "error");
        Rows.putText(out, "eventsRoot", m, "events_root");
        Rows.putNumber(out, "subcallCount", m, "subcall_count");
        out.put("subcallsAvailable", Rows.flag(m, "subcalls_available"));
        Rows.putNumber(out, "eventCount", m, "event_count");
        Rows.putText(out, "ethHash", m, "eth_hash");
        Rows.putNumber(out, "timestamp", m, "ts");
        return out;
    }

    /** A message the tipset's blocks include but the tipset never executed: no receipt, gas or trace. */
    private ObjectNode unexecutedJson(ObjectNode m) {
        Map<Long, ActorRecord> known = Map.of();
        ObjectNode out = ApiJson.object();
        out.put("cid", Rows.text(m, "cid"));
        out.put("height", Rows.number(m, "height"));
        out.set("blockCids", m.get("block_cids"));
        out.put("executed", false);
        out.put("implicit", false);
        out.put("version", Rows.number(m, "version"));
        out.set("from", actors.render(null, Rows.text(m, "from_address"), known));
        out.set("to", actors.render(null, Rows.text(m, "to_address"), known));
        Rows.putNumber(out, "nonce", m, "nonce");
        Rows.putAmount(out, "value", m, "value");
        Rows.putNumber(out, "method", m, "method");
        Rows.putText(out, "params", m, "params");
        Rows.putNumber(out, "gasLimit", m, "gas_limit");
        Rows.putAmount(out, "gasFeeCap", m, "gas_fee_cap");
        Rows.putAmount(out, "gasPremium", m, "gas_premium");
        out.putNull("exitCode");
        Rows.putNumber(out, "timestamp", m, "ts");
        return out;
    }

    private ObjectNode subcallJson(ObjectNode c, Map<Long, ActorRecord> known) {
        ObjectNode n = ApiJson.object();
        n.put("index", Rows.number(c, "idx"));
        n.put("depth", Rows.number(c, "depth"));
        Rows.putText(n, "callPath", c, "call_path");
        n.set("from", actors.render(Rows.optionalNumber(c, "from_id"), Rows.text(c, "from_address"), known));
        n.set("to", actors.render(Rows.optionalNumber(c, "to_id"), Rows.text(c, "to_address"), known));
        Rows.putAmount(n, "value", c, "value");
        Rows.putNumber(n, "method", c, "method");
        Rows.putText(n, "methodName", c, "method_name");
        Rows.putText(n, "actorType", c, "actor_type");
        Rows.putText(n, "codeCid", c, "code_cid");
        Rows.putText(n, "params", c, "params");
        Rows.putJson(n, "paramsDecoded", c, "params_json");
        Rows.putNumber(n, "exitCode", c, "exit_code");
        Rows.putText(n, "return", c, "return");
        Rows.putJson(n, "returnDecoded", c, "return_json");
        Rows.putNumber(n, "gasLimit", c, "gas_limit");
        Rows.putNumber(n, "gasUsed", c, "gas_used");
        n.put("readOnly", Rows.flag(c, "read_only"));
        Rows.putNumber(n, "subcallCount", c, "subcall_count");
        return n;
    }
}
