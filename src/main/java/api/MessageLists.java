package api;

import codec.cid.Cid;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /messages?height=|block=|address=|method=}: executed messages with keyset paging.
 * A height or block list is in execution order; an address or method list is newest first.
 * The SQL is assembled from constant fragments only; every value is a bound parameter.
 */
public final class MessageLists {
    /** The filters a client may combine; {@code height}, {@code block} and {@code address} exclude each other. */
    public record Filter(Long height, Cid block, AddressInput address, Long method, boolean implicit, boolean includeSubcalls) {
    }

    private final SqlRows rows;
    private final ActorDirectory actors;
    private final MessageQueries render;

    public MessageLists(SqlRows rows, ActorDirectory actors, MessageQueries render) {
        this.rows = rows;
        this.actors = actors;
        this.render = render;
    }

    public ObjectNode list(Filter f, int limit, String rawCursor) {
        int scopes = (f.height() != null ? 1 : 0) + (f.block() != null ? 1 : 0) + (f.address() != null ? 1 : 0);
        if (scopes > 1) {
            throw ApiException.badRequest("INVALID_PARAMETER", "give at most one of height, block and address");
        }
        if (scopes == 0 && f.method() == null) {
            throw ApiException.badRequest("MISSING_PARAMETER", "give one of height, block, address or method");
        }
        if (f.address() != null) {
            Long id = actors.resolveId(f.address().address()).orElse(null);
            return id == null ? Pages.of(List.of(), limit, x -> x, x -> null) : newestFirst("by-address", f, id, limit, rawCursor);
        }
        if (f.height() != null || f.block() != null) {
            return inHeight(f, limit, rawCursor);
        }
        return newestFirst("by-method", f, null, limit, rawCursor);
    }

    /** Messages of one height (or one block), in execution order. */
    private ObjectNode inHeight(MessageLists.Filter f, int limit, String rawCursor) {
        String list = f.block() != null ? "by-block" : "by-height";
        Cursor cursor = Cursor.decode(rawCursor, list, 1);
        Map<String, Object> p = new HashMap<>();
        StringBuilder where = new StringBuilder();
        if (f.block() != null) {
            p.put("b", f.block().toString());
            where.append("height = (SELECT any(height) FROM cid_lookup FINAL WHERE key = {b:String} AND kind = 'block')")
                    .append(" AND cid IN (SELECT message_cid FROM block_messages FINAL WHERE block_cid = {b:String}")
                    .append(" AND height = (SELECT any(height) FROM cid_lookup FINAL WHERE key = {b:String} AND kind = 'block')")
                    .append(" AND ").append(Canonical.among("SELECT height FROM cid_lookup FINAL WHERE key = {b:String} AND kind = 'block'"))
                    .append(")")
                    .append(" AND ").append(Canonical.among("SELECT height FROM cid_lookup FINAL WHERE key = {b:String} AND kind = 'block'"));
        } else {
            p.put("h", f.height());
            where.append("height = {h:UInt64} AND ").append(Canonical.AT_HEIGHT);
        }
        commonFilters(f, p, where);
        if (cursor != null) {
            p.put("after", cursor.number(0));
            where.append(" AND position > {after:UInt32}");
        }
        p.put("n", limit + 1);
        List<ObjectNode> found = rows.query("SELECT " + MessageQueries.MESSAGE_COLUMNS + " FROM messages FINAL WHERE "
                + where + " ORDER BY position LIMIT {n:UInt32}", p);
        return page(found, limit, last -> Cursor.encode(list, Rows.number(last, "position")));
    }

    /**
     * Messages of an actor (any role, optionally through sub-calls) or of a method, newest first,
     * in one query bounded by the list's own index: the page's window is the first {@code limit + 1}
     * rows after the cursor in {@code address_messages} (sorted by actor, height, message) or
     * {@code method_messages} (sorted by method, height, message), read in reverse sort order and
     * stopped at the LIMIT; only the window's heights are checked against {@code tipsets} and only
     * its messages are read. A window key whose rows are all of non-canonical attempts shows no
     * item, so such a page can hold fewer than {@code limit} items; its cursor is still the
     * window's last key, so paging neither skips nor repeats a message.
     */
    private ObjectNode newestFirst(String list, Filter f, Long actorId, int limit, String rawCursor) {
        Cursor cursor = Cursor.decode(rawCursor, list, 2);
        Map<String, Object> p = new HashMap<>();
        p.put("n", limit + 1);
        if (cursor != null) {
            p.put("ch", cursor.number(0));
            p.put("cc", cursor.text(1));
        }
        String sql = "WITH page_keys AS (" + (actorId != null ? actorWindow(f, actorId, p) : methodWindow(f, p))
                + (cursor != null ? " AND (height, message_cid) < ({ch:UInt64}, {cc:String})" : "")
                + " ORDER BY height DESC, message_cid DESC LIMIT {n:UInt32})"
                + " SELECT wh, wc, m.* FROM (SELECT height AS wh, message_cid AS wc FROM page_keys) AS w LEFT JOIN ("
                + "SELECT " + MessageQueries.MESSAGE_COLUMNS + " FROM messages FINAL WHERE (height, cid) IN ("
                + (actorId != null ? canonicalActorKeys(f) : "SELECT height, message_cid FROM page_keys")
                + ") AND " + Canonical.among("SELECT height FROM page_keys")
                + ") AS m ON m.height = w.wh AND m.cid = w.wc ORDER BY wh DESC, wc DESC";
        List<ObjectNode> window = rows.query(sql, p);
        List<ObjectNode> shown = window.subList(0, Math.min(limit, window.size()));
        List<ObjectNode> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ObjectNode row : shown) {
            String key = Rows.number(row, "wh") + "/" + Rows.text(row, "wc");
            if (!Rows.text(row, "cid").isEmpty() && seen.add(key)) {
                found.add(row);
            }
        }
        ObjectNode page = ApiJson.object();
        page.putArray("items").addAll(render.renderAll(found));
        if (window.size() > limit) {
            ObjectNode last = shown.get(shown.size() - 1);
            page.put("nextCursor", Cursor.encode(list, Rows.number(last, "wh"), Rows.text(last, "wc")));
        } else {
            page.putNull("nextCursor");
        }
        return page;
    }

    /** The rows of an actor in {@code address_messages} that the filters keep (no FINAL: duplicates are dropped by key). */
    private static String actorWindow(Filter f, long actorId, Map<String, Object> p) {
        p.put("a", actorId);
        StringBuilder window = new StringBuilder("SELECT height, message_cid FROM address_messages WHERE actor_id = {a:UInt64}");
        actorFilters(f, p, window);
        return window.toString();
    }

    private static void actorFilters(Filter f, Map<String, Object> p, StringBuilder where) {
        if (!f.includeSubcalls()) {
            where.append(" AND via_subcall = 0");
        }
        commonFilters(f, p, where);
    }

    /**
     * The window's keys that count for the actor: some row of the key in {@code address_messages}
     * (not only one inside the window) belongs to the canonical attempt of its height, since a
     * fork can involve an actor differently (sub-calls, IDs).
     */
    private static String canonicalActorKeys(Filter f) {
        StringBuilder keys = new StringBuilder("SELECT height, message_cid FROM address_messages WHERE actor_id = {a:UInt64}");
        actorFilters(f, new HashMap<>(), keys);
        return keys.append(" AND (height, message_cid) IN (SELECT height, message_cid FROM page_keys) AND ")
                .append(Canonical.among("SELECT height FROM page_keys")).toString();
    }

    /**
     * The rows of a method in {@code method_messages} (migration 080). The method of a message CID
     * is part of the message, so the canonical rule is applied to the messages themselves.
     */
    private static String methodWindow(Filter f, Map<String, Object> p) {
        p.put("m", f.method());
        return "SELECT height, message_cid FROM method_messages WHERE method = {m:UInt64}" + (f.implicit() ? "" : " AND implicit = 0");
    }

    private static void commonFilters(Filter f, Map<String, Object> p, StringBuilder where) {
        if (f.method() != null) {
            p.put("m", f.method());
            where.append(" AND method = {m:UInt64}");
        }
        if (!f.implicit()) {
            where.append(" AND implicit = 0");
        }
    }

    private ObjectNode page(List<ObjectNode> found, int limit, java.util.function.Function<ObjectNode, String> cursorOf) {
        return Pages.ofAll(found, limit, render::renderAll, cursorOf);
    }
}
