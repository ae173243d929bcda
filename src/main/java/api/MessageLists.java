package api;

import codec.cid.Cid;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** Messages of an actor (any role, optionally through sub-calls) or of a method, newest first. */
    private ObjectNode newestFirst(String list, Filter f, Long actorId, int limit, String rawCursor) {
        Cursor cursor = Cursor.decode(rawCursor, list, 2);
        Map<String, Object> p = new HashMap<>();
        p.put("n", limit + 1);
        if (cursor != null) {
            p.put("ch", cursor.number(0));
            p.put("cc", cursor.text(1));
        }
        StringBuilder where = new StringBuilder();
        if (actorId != null) {
            where.append("(height, cid) IN (").append(actorPage(f, actorId, cursor != null, p)).append(") AND ")
                    .append(Canonical.among("SELECT height FROM address_messages WHERE actor_id = {a:UInt64}"));
        } else {
            where.append(Canonical.among("SELECT height FROM tipsets"));
        }
        commonFilters(f, p, where);
        if (cursor != null) {
            where.append(" AND (height, cid) < ({ch:UInt64}, {cc:String})");
        }
        List<ObjectNode> found = rows.query("SELECT " + MessageQueries.MESSAGE_COLUMNS + " FROM messages FINAL WHERE "
                + where + " ORDER BY height DESC, cid DESC LIMIT {n:UInt32}", p);
        return page(found, limit, last -> Cursor.encode(list, Rows.number(last, "height"), Rows.text(last, "cid")));
    }

    /**
     * The (height, message CID) of one page of an actor's canonical messages, picked within
     * {@code address_messages} (sorted by actor, then height and message): the filters, the cursor
     * and the LIMIT apply there, so the messages table is read only for the page's rows, however
     * busy the actor. No FINAL: a message's roles are grouped into one, and rows of an orphaned
     * tipset fail the canonical check.
     */
    private static String actorPage(Filter f, long actorId, boolean after, Map<String, Object> p) {
        p.put("a", actorId);
        StringBuilder page = new StringBuilder("SELECT height, message_cid FROM address_messages WHERE actor_id = {a:UInt64}");
        if (!f.includeSubcalls()) {
            page.append(" AND via_subcall = 0");
        }
        commonFilters(f, p, page);
        if (after) {
            page.append(" AND (height, message_cid) < ({ch:UInt64}, {cc:String})");
        }
        page.append(" AND ").append(Canonical.among("SELECT height FROM address_messages WHERE actor_id = {a:UInt64}"))
                .append(" GROUP BY height, message_cid ORDER BY height DESC, message_cid DESC LIMIT {n:UInt32}");
        return page.toString();
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
