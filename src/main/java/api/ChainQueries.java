package api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tipsets and blocks: {@code GET /tipsets/{height}}, {@code /tipsets?from=&to=}, {@code /blocks/{cid}}. */
public final class ChainQueries {
    private static final String TIPSET_COLUMNS = "height, tipset_key, cids, null_round,"
            + " toUnixTimestamp(timestamp) AS ts, parent_base_fee, block_count,"
            + " message_count, implicit_count, subcall_count, failed_count, event_count, creation_count, mode";
    private static final String BLOCK_COLUMNS = "cid, height, miner, parents,"
            + " parent_weight, parent_state_root, parent_message_receipts, messages_root,"
            + " toUnixTimestamp(timestamp) AS ts, win_count,"
            + " parent_base_fee, message_count, message_cids";
    private static final String TIPSETS_LIST = "tipsets";

    private final SqlRows rows;
    private final ActorDirectory actors;

    public ChainQueries(SqlRows rows, ActorDirectory actors) {
        this.rows = rows;
        this.actors = actors;
    }

    public ObjectNode tipset(long height) {
        ObjectNode row = rows.first("SELECT " + TIPSET_COLUMNS + " FROM tipsets FINAL WHERE height = {h:UInt64}",
                Map.of("h", height)).orElseThrow(() -> ApiException.notFound("height " + height + " is not indexed"));
        ObjectNode out = tipsetJson(row);
        List<ObjectNode> blocks = rows.query("SELECT " + BLOCK_COLUMNS + " FROM blocks FINAL"
                + " WHERE height = {h:UInt64} AND " + Canonical.AT_HEIGHT + " ORDER BY cid", Map.of("h", height));
        Map<Long, ActorRecord> known = actors.byIds(blocks.stream().map(b -> minerId(b)).filter(java.util.Objects::nonNull).toList());
        ArrayNode summaries = out.putArray("blocks");
        for (ObjectNode b : blocks) {
            ObjectNode s = summaries.addObject();
            s.put("cid", Rows.text(b, "cid"));
            s.set("miner", actors.render(minerId(b), Rows.text(b, "miner"), known));
            Rows.putNumber(s, "winCount", b, "win_count");
            Rows.putNumber(s, "messageCount", b, "message_count");
            Rows.putNumber(s, "timestamp", b, "ts");
        }
        return out;
    }

    /** Tipsets with {@code from <= height <= to}, newest first. */
    public ObjectNode tipsets(Long from, Long to, int limit, String rawCursor) {
        Cursor cursor = Cursor.decode(rawCursor, TIPSETS_LIST, 1);
        long lo = from == null ? 0 : from;
        long hi = to == null ? Long.MAX_VALUE / 2 : to;
        if (cursor != null) {
            hi = Math.min(hi, cursor.number(0) - 1);
        }
        if (lo > hi && cursor == null) {
            throw ApiException.badRequest("INVALID_RANGE", "from must not be greater than to");
        }
        Map<String, Object> p = new HashMap<>();
        p.put("lo", lo);
        p.put("hi", Math.max(hi, 0));
        p.put("n", limit + 1);
        List<ObjectNode> found = lo > hi ? List.of() : rows.query("SELECT " + TIPSET_COLUMNS + " FROM tipsets FINAL"
                + " WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64} ORDER BY height DESC LIMIT {n:UInt32}", p);
        return Pages.of(found, limit, this::tipsetJson, last -> Cursor.encode(TIPSETS_LIST, Rows.number(last, "height")));
    }

    public ObjectNode block(codec.cid.Cid cid) {
        Map<String, Object> p = Map.of("c", cid.toString());
        ObjectNode b = rows.first("SELECT " + BLOCK_COLUMNS + " FROM blocks FINAL"
                        + " WHERE height IN (SELECT height FROM cid_lookup FINAL WHERE key = {c:String} AND kind = 'block')"
                        + " AND cid = {c:String}"
                        + " AND " + Canonical.among("SELECT height FROM cid_lookup FINAL WHERE key = {c:String} AND kind = 'block'")
                        + " LIMIT 1", p)
                .orElseThrow(() -> ApiException.notFound("block " + cid + " is not indexed"));
        ObjectNode out = ApiJson.object();
        out.put("cid", Rows.text(b, "cid"));
        out.put("height", Rows.number(b, "height"));
        Long miner = minerId(b);
        out.set("miner", actors.render(miner, Rows.text(b, "miner"), actors.byIds(miner == null ? List.of() : List.of(miner))));
        out.set("parents", b.get("parents"));
        Rows.putAmount(out, "parentWeight", b, "parent_weight");
        Rows.putText(out, "parentStateRoot", b, "parent_state_root");
        Rows.putText(out, "parentMessageReceipts", b, "parent_message_receipts");
        Rows.putText(out, "messagesRoot", b, "messages_root");
        Rows.putNumber(out, "timestamp", b, "ts");
        Rows.putNumber(out, "winCount", b, "win_count");
        Rows.putAmount(out, "parentBaseFee", b, "parent_base_fee");
        Rows.putNumber(out, "messageCount", b, "message_count");
        out.set("messageCids", b.get("message_cids"));
        return out;
    }

    private ObjectNode tipsetJson(ObjectNode row) {
        ObjectNode out = ApiJson.object();
        out.put("height", Rows.number(row, "height"));
        out.set("cids", row.get("cids"));
        out.put("nullRound", Rows.flag(row, "null_round"));
        Rows.putNumber(out, "timestamp", row, "ts");
        Rows.putAmount(out, "parentBaseFee", row, "parent_base_fee");
        Rows.putNumber(out, "blockCount", row, "block_count");
        Rows.putNumber(out, "messageCount", row, "message_count");
        Rows.putNumber(out, "implicitMessageCount", row, "implicit_count");
        Rows.putNumber(out, "subcallCount", row, "subcall_count");
        Rows.putNumber(out, "failedCount", row, "failed_count");
        Rows.putNumber(out, "eventCount", row, "event_count");
        Rows.putNumber(out, "creationCount", row, "creation_count");
        Rows.putText(out, "mode", row, "mode");
        return out;
    }

    private static Long minerId(ObjectNode block) {
        String miner = Rows.optionalText(block, "miner");
        return miner != null && miner.matches("[ft]0[0-9]{1,19}") ? Long.parseLong(miner.substring(2)) : null;
    }
}
