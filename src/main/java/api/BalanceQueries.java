package api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Balances at any height from the state history (docs/HISTORY.md): the latest canonical snapshot
 * at or below the height (the node's state before that tipset ran) plus the canonical deltas from
 * the snapshot's height up to the height. Balance "at H" is after tipset H's messages ran.
 */
public final class BalanceQueries {
    static final String HISTORY_LIST = "balance-history";
    /** Error code: the height is above the indexed range or below what the actor's snapshots reach. */
    public static final String OUT_OF_RANGE = "height_out_of_range";
    /** Error code: a height between the actor's snapshot and the asked height is not indexed (a gap). */
    public static final String NOT_INDEXED = "HEIGHTS_NOT_INDEXED";
    private static final String INDEXED_HEIGHTS = "SELECT count() FROM tipsets FINAL WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64}";
    private static final String CANONICAL = "(height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL"
            + " WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64})";

    private final SqlRows rows;

    public BalanceQueries(SqlRows rows) {
        this.rows = rows;
    }

    /**
     * One actor's balance after height {@code height}.
     *
     * @param complete false when a change in the range missed sub-call moves (degraded mode)
     */
    public record Balance(long actorId, long height, BigInteger balance, long nonce, long snapshotHeight,
            long changes, boolean complete) {
    }

    /** The highest indexed height, or empty when nothing is indexed. */
    public Optional<Long> indexedTop() {
        return rows.first("SELECT max(height) AS top, count() AS n FROM tipsets FINAL", Map.of())
                .filter(r -> Rows.number(r, "n") > 0).map(r -> Rows.number(r, "top"));
    }

    /**
     * The balance after {@code height}. From the latest snapshot at or below it forward, when every
     * height between is indexed; else back from the next snapshot above it, when every height between
     * is indexed and none changed the actor (so its state after {@code height} is the state before
     * that snapshot's tipset: how the parent block of an actor's first indexed block is answered).
     * 400 {@link #OUT_OF_RANGE} above the indexed range or below what a snapshot reaches, 409
     * {@link #NOT_INDEXED} when heights between the snapshot and {@code height} are missing (a gap),
     * 404 without any snapshot.
     */
    public Balance at(long actorId, long height) {
        long top = indexedTop().orElseThrow(() -> ApiException.notFound("nothing is indexed yet"));
        if (height > top) {
            throw ApiException.badRequest(OUT_OF_RANGE, "height " + height + " is above the indexed range:"
                    + " answerable heights end at " + top);
        }
        Optional<ObjectNode> before = snapshot(actorId, height);
        Optional<Balance> forward = before.flatMap(s -> forward(actorId, s, height, height));
        if (forward.isPresent()) {
            return forward.get();
        }
        Optional<ObjectNode> after = nextSnapshot(actorId, height);
        Optional<Balance> backward = after.flatMap(s -> backward(actorId, s, height));
        if (backward.isPresent()) {
            return backward.get();
        }
        if (before.isPresent()) {
            long from = Rows.number(before.get(), "height");
            throw new ApiException(409, NOT_INDEXED, "the balance of f0" + actorId + " at " + height + " is the snapshot at "
                    + from + " plus every change up to " + height + ", but height " + firstMissing(from, height)
                    + " is not indexed: index the gap (POST /api/v1/admin/index) or ask a height after the next snapshot");
        }
        if (after.isEmpty()) {
            throw ApiException.notFound("f0" + actorId + " has no balance history: no starting snapshot was"
                    + " read from the node for it");
        }
        long first = Rows.number(after.get(), "height");
        throw ApiException.badRequest(OUT_OF_RANGE, "height " + height + " is below the first snapshot of f0" + actorId
                + " (the state before height " + first + "): answerable heights are " + (first - 1) + " to " + top
                + ", lower ones only where every height up to " + first + " is indexed and none changed it");
    }

    /**
     * The balance before tipset {@code height} ran, which is what the node's {@code StateGetActor} at
     * that tipset answers: the latest snapshot at or below it plus the deltas below {@code height}.
     * Empty without such a snapshot, or when a height between is not indexed (a gap).
     */
    public Optional<Balance> before(long actorId, long height) {
        return snapshot(actorId, height).flatMap(s -> forward(actorId, s, height, height - 1));
    }

    /**
     * Snapshot {@code s} plus the canonical changes of the heights from its own to {@code lastDelta};
     * empty when a height between is not indexed.
     */
    private Optional<Balance> forward(long actorId, ObjectNode s, long height, long lastDelta) {
        long from = Rows.number(s, "height");
        BigInteger start = new BigInteger(Rows.text(s, "balance"));
        long startNonce = Rows.number(s, "nonce");
        if (lastDelta < from) {
            return Optional.of(new Balance(actorId, height, start, startNonce, from, 0, true));
        }
        Map<String, Object> p = params(actorId, from, lastDelta);
        ObjectNode sum = rows.first("SELECT toString(sum(delta)) AS total, count() AS changes, min(complete) AS all_complete,"
                + " argMaxIf(nonce, height, isNotNull(nonce)) AS last_nonce, countIf(isNotNull(nonce)) AS nonce_count,"
                + " (" + INDEXED_HEIGHTS + ") AS indexed"
                + " FROM balance_changes FINAL WHERE actor_id = {a:UInt64} AND height BETWEEN {lo:UInt64} AND {hi:UInt64}"
                + " AND " + CANONICAL, p).orElseThrow();
        if (Rows.number(sum, "indexed") < lastDelta - from + 1) {
            return Optional.empty();
        }
        long changes = Rows.number(sum, "changes");
        BigInteger balance = start.add(changes == 0 ? BigInteger.ZERO : new BigInteger(Rows.text(sum, "total")));
        long nonce = Rows.number(sum, "nonce_count") > 0 ? Rows.number(sum, "last_nonce") : startNonce;
        boolean complete = changes == 0 || Rows.number(sum, "all_complete") == 1;
        return Optional.of(new Balance(actorId, height, balance, nonce, from, changes, complete));
    }

    /**
     * The state of snapshot {@code s} (before its tipset ran) as the state after {@code height}: only
     * when every height between is indexed and none changed the actor.
     */
    private Optional<Balance> backward(long actorId, ObjectNode s, long height) {
        long next = Rows.number(s, "height");
        if (next - height > 1) {
            ObjectNode between = rows.first("SELECT (" + INDEXED_HEIGHTS + ") AS indexed, count() AS changes"
                    + " FROM balance_changes FINAL WHERE actor_id = {a:UInt64} AND height BETWEEN {lo:UInt64} AND {hi:UInt64}"
                    + " AND " + CANONICAL, params(actorId, height + 1, next - 1)).orElseThrow();
            if (Rows.number(between, "indexed") < next - height - 1 || Rows.number(between, "changes") > 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new Balance(actorId, height, new BigInteger(Rows.text(s, "balance")), Rows.number(s, "nonce"),
                next, 0, true));
    }

    /** The lowest height of {@code [from, to]} with no tipsets row (from itself is indexed: it has a snapshot). */
    private long firstMissing(long from, long to) {
        return rows.first("SELECT min(height) + 1 AS missing FROM tipsets FINAL WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64}"
                        + " AND height + 1 NOT IN (SELECT height FROM tipsets FINAL WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64})",
                params(0, from, to)).map(r -> Rows.number(r, "missing")).orElse(from);
    }

    /**
     * The balance after the highest indexed height, or empty when the actor has no snapshot or a
     * height since its snapshot is not indexed (a gap: no balance rather than a wrong one).
     */
    public Optional<Balance> latest(long actorId) {
        Optional<Long> top = indexedTop();
        if (top.isEmpty()) {
            return Optional.empty();
        }
        return snapshot(actorId, top.get()).flatMap(s -> forward(actorId, s, top.get(), top.get()));
    }

    public ObjectNode json(Balance b) {
        ObjectNode out = ApiJson.object();
        out.put("height", b.height());
        out.put("balance", b.balance().toString());
        out.put("nonce", b.nonce());
        ObjectNode source = out.putObject("source");
        source.put("snapshotHeight", b.snapshotHeight());
        source.put("changes", b.changes());
        source.put("complete", b.complete());
        return out;
    }

    /** The canonical changes of one actor with {@code from <= height <= to}, oldest first. */
    public ObjectNode history(long actorId, Long from, Long to, int limit, String cursor) {
        Cursor c = Cursor.decode(cursor, HISTORY_LIST, 1);
        long lo = c != null ? c.number(0) + 1 : from == null ? 0 : from;
        long hi = to == null ? Long.MAX_VALUE / 2 : to;
        Map<String, Object> p = params(actorId, lo, Math.max(lo, hi));
        p.put("n", limit + 1);
        List<ObjectNode> found = lo > hi ? List.of() : rows.query("SELECT height, tipset_key, toString(delta) AS delta,"
                + " nonce, message_cids, complete FROM balance_changes FINAL WHERE actor_id = {a:UInt64}"
                + " AND height BETWEEN {lo:UInt64} AND {hi:UInt64} AND " + CANONICAL
                + " ORDER BY height LIMIT {n:UInt32}", p);
        return Pages.ofAll(found, limit, shown -> {
            List<BigInteger> after = balancesAfter(actorId, shown);
            List<ObjectNode> items = new ArrayList<>();
            for (int i = 0; i < shown.size(); i++) {
                items.add(historyItem(shown.get(i), after.get(i)));
            }
            return items;
        }, last -> Cursor.encode(HISTORY_LIST, Rows.number(last, "height")));
    }

    private static ObjectNode historyItem(ObjectNode r, BigInteger balanceAfter) {
        ObjectNode out = ApiJson.object();
        out.put("height", Rows.number(r, "height"));
        out.put("tipsetKey", Rows.text(r, "tipset_key"));
        out.put("delta", Rows.text(r, "delta"));
        if (balanceAfter == null) {
            out.putNull("balance");
        } else {
            out.put("balance", balanceAfter.toString());
        }
        Long nonce = Rows.optionalNumber(r, "nonce");
        if (nonce == null) {
            out.putNull("nonce");
        } else {
            out.put("nonce", nonce);
        }
        out.set("messages", r.get("message_cids"));
        out.put("complete", Rows.flag(r, "complete"));
        return out;
    }

    /**
     * The balance after each change of a page (oldest first), as {@link #at} answers it: the first
     * from its snapshot and the deltas since, the next ones by adding their deltas, restarting from a
     * snapshot read between two changes. null while there is no snapshot yet, and after a gap (a
     * height not indexed) until the next snapshot.
     */
    private List<BigInteger> balancesAfter(long actorId, List<ObjectNode> changes) {
        List<BigInteger> out = new ArrayList<>();
        if (changes.isEmpty()) {
            return out;
        }
        long first = Rows.number(changes.get(0), "height");
        long last = Rows.number(changes.get(changes.size() - 1), "height");
        TreeMap<Long, BigInteger> snapshots = new TreeMap<>();
        for (ObjectNode s : rows.query("SELECT height, toString(balance) AS balance FROM balance_snapshots FINAL"
                + " WHERE actor_id = {a:UInt64} AND height BETWEEN {lo:UInt64} AND {hi:UInt64} AND " + CANONICAL,
                params(actorId, first, last))) {
            snapshots.put(Rows.number(s, "height"), new BigInteger(Rows.text(s, "balance")));
        }
        TreeSet<Long> gapAfter = gapStarts(first, last);
        BigInteger running = null;
        long previous = first;
        for (int i = 0; i < changes.size(); i++) {
            long height = Rows.number(changes.get(i), "height");
            BigInteger delta = new BigInteger(Rows.text(changes.get(i), "delta"));
            Map.Entry<Long, BigInteger> restart = snapshots.floorEntry(height);
            if (i == 0) {
                running = balanceOrNull(actorId, height);
            } else if (restart != null && restart.getKey() > previous) {
                running = gap(gapAfter, restart.getKey(), height) ? null : restart.getValue().add(delta);
            } else if (running != null) {
                running = gap(gapAfter, previous, height) ? null : running.add(delta);
            }
            out.add(running);
            previous = height;
        }
        return out;
    }

    private BigInteger balanceOrNull(long actorId, long height) {
        try {
            return at(actorId, height).balance();
        } catch (ApiException e) {
            return null;
        }
    }

    /** Heights {@code g} of {@code [from, to)} whose next height {@code g + 1} is not indexed. */
    private TreeSet<Long> gapStarts(long from, long to) {
        TreeSet<Long> out = new TreeSet<>();
        if (to > from) {
            rows.query("SELECT height FROM tipsets FINAL WHERE height >= {lo:UInt64} AND height < {hi:UInt64}"
                    + " AND height + 1 NOT IN (SELECT height FROM tipsets FINAL WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64})",
                    params(0, from, to)).forEach(r -> out.add(Rows.number(r, "height")));
        }
        return out;
    }

    /** Whether a height after {@code from} up to {@code to} is not indexed. */
    private static boolean gap(TreeSet<Long> gapAfter, long from, long to) {
        Long g = gapAfter.ceiling(from);
        return g != null && g < to;
    }

    private Optional<ObjectNode> snapshot(long actorId, long height) {
        return rows.first("SELECT height, toString(balance) AS balance, nonce FROM balance_snapshots FINAL"
                + " WHERE actor_id = {a:UInt64} AND height <= {hi:UInt64} AND " + CANONICAL
                + " ORDER BY height DESC LIMIT 1", params(actorId, 0, height));
    }

    /** The earliest canonical snapshot above {@code height}. */
    private Optional<ObjectNode> nextSnapshot(long actorId, long height) {
        return rows.first("SELECT height, toString(balance) AS balance, nonce FROM balance_snapshots FINAL"
                + " WHERE actor_id = {a:UInt64} AND height > {lo:UInt64} AND " + CANONICAL
                + " ORDER BY height LIMIT 1", params(actorId, height, Long.MAX_VALUE / 2));
    }

    private static Map<String, Object> params(long actorId, long lo, long hi) {
        Map<String, Object> p = new HashMap<>();
        p.put("a", actorId);
        p.put("lo", lo);
        p.put("hi", hi);
        return p;
    }
}
