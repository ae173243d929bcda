package api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Balances at any height from the state history (docs/HISTORY.md): the latest canonical snapshot
 * at or below the height (the node's state before that tipset ran) plus the canonical deltas from
 * the snapshot's height up to the height. Balance "at H" is after tipset H's messages ran.
 */
public final class BalanceQueries {
    static final String HISTORY_LIST = "balance-history";
    private static final String CANONICAL = "(height, tipset_key) IN (SELECT height, tipset_key FROM tipsets FINAL"
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

    /** The balance after {@code height}: 400 outside the answerable range, 404 without any snapshot. */
    public Balance at(long actorId, long height) {
        long top = indexedTop().orElseThrow(() -> ApiException.notFound("nothing is indexed yet"));
        Optional<ObjectNode> snapshot = snapshot(actorId, height);
        if (snapshot.isEmpty()) {
            Optional<Long> first = firstSnapshot(actorId);
            if (first.isEmpty()) {
                throw ApiException.notFound("f0" + actorId + " has no balance history: no starting snapshot was"
                        + " read from the node for it");
            }
            throw ApiException.badRequest("height_out_of_range", "height " + height + " is below the first snapshot of f0"
                    + actorId + ": answerable heights are " + first.get() + " to " + top);
        }
        if (height > top) {
            throw ApiException.badRequest("height_out_of_range", "height " + height + " is above the indexed range:"
                    + " answerable heights are " + Rows.number(snapshot.get(), "height") + " to " + top);
        }
        return fromSnapshot(actorId, snapshot.get(), height, height);
    }

    /**
     * The balance before tipset {@code height} ran, which is what the node's {@code StateGetActor} at
     * that tipset answers: the latest snapshot at or below it plus the deltas below {@code height}.
     * Empty without such a snapshot. Assumes the heights from the snapshot's up to it are indexed.
     */
    public Optional<Balance> before(long actorId, long height) {
        return snapshot(actorId, height).map(s -> fromSnapshot(actorId, s, height, height - 1));
    }

    /** The snapshot's state plus the canonical deltas of the heights from the snapshot's to {@code lastDelta}. */
    private Balance fromSnapshot(long actorId, ObjectNode s, long height, long lastDelta) {
        long from = Rows.number(s, "height");
        BigInteger start = new BigInteger(Rows.text(s, "balance"));
        long startNonce = Rows.number(s, "nonce");
        if (lastDelta < from) {
            return new Balance(actorId, height, start, startNonce, from, 0, true);
        }
        Map<String, Object> p = params(actorId, from, lastDelta);
        ObjectNode sum = rows.first("SELECT toString(sum(delta)) AS total, count() AS changes, min(complete) AS all_complete,"
                + " argMaxIf(nonce, height, isNotNull(nonce)) AS last_nonce, countIf(isNotNull(nonce)) AS nonce_count"
                + " FROM balance_changes FINAL WHERE actor_id = {a:UInt64} AND height BETWEEN {lo:UInt64} AND {hi:UInt64}"
                + " AND " + CANONICAL, p).orElseThrow();
        long changes = Rows.number(sum, "changes");
        BigInteger balance = start.add(changes == 0 ? BigInteger.ZERO : new BigInteger(Rows.text(sum, "total")));
        long nonce = Rows.number(sum, "nonce_count") > 0 ? Rows.number(sum, "last_nonce") : startNonce;
        boolean complete = changes == 0 || Rows.number(sum, "all_complete") == 1;
        return new Balance(actorId, height, balance, nonce, from, changes, complete);
    }

    /** The balance after the highest indexed height, or empty when the actor has no snapshot. */
    public Optional<Balance> latest(long actorId) {
        Optional<Long> top = indexedTop();
        if (top.isEmpty() || snapshot(actorId, top.get()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(at(actorId, top.get()));
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
     * snapshot read between two changes. null while there is no snapshot yet.
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
        BigInteger running = null;
        long previous = first;
        for (int i = 0; i < changes.size(); i++) {
            long height = Rows.number(changes.get(i), "height");
            BigInteger delta = new BigInteger(Rows.text(changes.get(i), "delta"));
            Map.Entry<Long, BigInteger> restart = snapshots.floorEntry(height);
            if (i == 0) {
                running = snapshot(actorId, height).isPresent() ? at(actorId, height).balance() : null;
            } else if (restart != null && restart.getKey() > previous) {
                running = restart.getValue().add(delta);
            } else if (running != null) {
                running = running.add(delta);
            }
            out.add(running);
            previous = height;
        }
        return out;
    }

    private Optional<ObjectNode> snapshot(long actorId, long height) {
        return rows.first("SELECT height, toString(balance) AS balance, nonce FROM balance_snapshots FINAL"
                + " WHERE actor_id = {a:UInt64} AND height <= {hi:UInt64} AND " + CANONICAL
                + " ORDER BY height DESC LIMIT 1", params(actorId, 0, height));
    }

    private Optional<Long> firstSnapshot(long actorId) {
        return rows.first("SELECT min(height) AS h, count() AS n FROM balance_snapshots FINAL WHERE actor_id = {a:UInt64}",
                Map.of("a", actorId)).filter(r -> Rows.number(r, "n") > 0).map(r -> Rows.number(r, "h"));
    }

    private static Map<String, Object> params(long actorId, long lo, long hi) {
        Map<String, Object> p = new HashMap<>();
        p.put("a", actorId);
        p.put("lo", lo);
        p.put("hi", hi);
        return p;
    }
}
