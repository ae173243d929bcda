package history;

import api.BalanceQueries;
import api.SqlRows;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import observe.Meters;

/**
 * State verification (docs/HISTORY.md): for sampled (actor, tipset) pairs, the balance and nonce
 * the history implies before the tipset ran ({@link BalanceQueries#before}) against the node's
 * {@code StateGetActor} at that tipset; and per tipset the invariants of the history: its deltas
 * sum to zero, and no sampled balance goes negative. Mismatches go to {@link MismatchTable}.
 *
 * <p>A pair drawn at height H is checked at H's child tipset when that is indexed (so H's own
 * change is covered), else at H. A pair whose answer cannot be proven is reported as unverifiable
 * with the reason (no snapshot, heights missing between snapshot and tipset, degraded-mode
 * changes, or the node could not say), never as a match.
 */
public final class StateVerifier {
    public static final int MAX_SAMPLE = 1000;
    public static final int MAX_ACTORS = 100;
    static final String BALANCE = "balance";
    static final String NONCE = "nonce";
    static final String CONSERVATION = "conservation";
    static final String NEGATIVE = "negative";
    private static final int LISTED = 100;
    /** Null rounds in a row seldom exceed a few; a child further up than this is not looked for. */
    private static final int CHILD_REACH = 900;
    private static final String CANONICAL = "(height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL"
            + " WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64})";

    /** What to verify: heights {@code from..to}; the given actors (IDs), or a sample of the actors with rows there. */
    public record Request(long from, long to, List<Long> actors, int sample) {
    }

    /** For {@link #CONSERVATION}, {@code actorId} is 0 and {@code node} the expected sum, "0". */
    public record Mismatch(long actorId, long height, String kind, String indexed, String node) {
    }

    public record Unverifiable(long actorId, long height, String reason) {
    }

    /**
     * @param checked pairs compared with the node's answer
     * @param tipsetsChecked tipsets whose conservation was checked (complete changes only)
     */
    public record Report(String runId, long from, long to, int sampled, int checked, int matched, int tipsetsChecked,
            List<Mismatch> mismatches, int unverifiableCount, List<Unverifiable> unverifiable,
            Instant startedAt, Instant finishedAt) {
    }

    private record Tipset(long height, String key) {
    }

    private record Pair(long actorId, Tipset drawn) {
    }

    private final SqlRows rows;
    private final BalanceQueries balances;
    private final NodeStates node;
    private final MismatchTable table;
    private final Supplier<MeterRegistry> meters;
    private final Clock clock;
    private final AtomicReference<Report> last = new AtomicReference<>();

    public StateVerifier(SqlRows rows, BalanceQueries balances, NodeStates node, MismatchTable table,
            Supplier<MeterRegistry> meters, Clock clock) {
        this.rows = rows;
        this.balances = balances;
        this.node = node;
        this.table = table;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * The job's tick: a sample of the pairs within the {@code window} heights up to the highest indexed.
     * Nothing indexed yet: nothing to do (empty).
     */
    public Optional<Report> verifyRecent(long window, int sample) {
        return balances.indexedTop().map(top -> verify(new Request(Math.max(0, top - window + 1), top, List.of(), sample)));
    }

    public Report verify(Request request) {
        Instant started = clock.instant();
        String runId = UUID.randomUUID().toString();
        List<Mismatch> mismatches = new ArrayList<>();
        List<Unverifiable> unverifiable = new ArrayList<>();
        int[] counts = new int[2]; // checked, matched
        int unverifiableCount = 0;
        List<Pair> pairs = pairs(request);
        Map<Tipset, Tipset> children = new HashMap<>();
        for (Pair p : pairs) {
            Tipset at = children.computeIfAbsent(p.drawn(), this::childOrSelf);
            Optional<String> why = check(p.actorId(), at, mismatches, counts);
            if (why.isPresent()) {
                unverifiableCount++;
                count("unverifiable");
                if (unverifiable.size() < LISTED) {
                    unverifiable.add(new Unverifiable(p.actorId(), at.height(), why.get()));
                }
            }
        }
        int tipsets = conservation(request.from(), request.to(), mismatches);
        Instant finished = clock.instant();
        table.record(runId, mismatches, finished);
        mismatches.forEach(m -> meter().counter(Meters.VERIFY_MISMATCHES, "kind", m.kind()).increment());
        Report report = new Report(runId, request.from(), request.to(), pairs.size(), counts[0], counts[1], tipsets,
                List.copyOf(mismatches), unverifiableCount, List.copyOf(unverifiable), started, finished);
        last.set(report);
        return report;
    }

    /** For {@code /api/v1/status}: this instance's last run and the mismatches recorded by every run. */
    public ObjectNode summary() {
        ObjectNode out = table.summary(10);
        Report r = last.get();
        if (r == null) {
            out.putNull("lastRun");
        } else {
            out.putObject("lastRun").put("runId", r.runId()).put("from", r.from()).put("to", r.to())
                    .put("finishedAt", r.finishedAt().toString()).put("checked", r.checked()).put("matched", r.matched())
                    .put("mismatches", r.mismatches().size()).put("unverifiable", r.unverifiableCount());
        }
        return out;
    }

    // ---- one pair

    /** Compares one pair; empty when it was compared, else why it could not be. */
    private Optional<String> check(long actorId, Tipset at, List<Mismatch> mismatches, int[] counts) {
        Optional<BalanceQueries.Balance> found = balances.before(actorId, at.height());
        if (found.isEmpty()) {
            return Optional.of("no snapshot at or below height " + at.height());
        }
        BalanceQueries.Balance before = found.get();
        long missing = missingHeights(before.snapshotHeight(), at.height());
        if (missing > 0) {
            return Optional.of(missing + " heights between the snapshot at " + before.snapshotHeight() + " and "
                    + at.height() + " are not indexed");
        }
        if (!before.complete()) {
            return Optional.of("changes indexed in degraded mode (sub-call moves unknown)");
        }
        negative(actorId, at, before, mismatches);
        NodeStates.State truth;
        try {
            truth = node.at(actorId, at.key());
        } catch (NodeStates.Unanswered e) {
            return Optional.of("the node could not say: " + e.getMessage());
        }
        counts[0]++;
        boolean match = true;
        if (!truth.balance().equals(before.balance())) {
            mismatches.add(new Mismatch(actorId, at.height(), BALANCE, before.balance().toString(),
                    truth.balance().toString()));
            match = false;
        }
        if (truth.nonce() != before.nonce()) {
            mismatches.add(new Mismatch(actorId, at.height(), NONCE, Long.toString(before.nonce()),
                    Long.toString(truth.nonce())));
            match = false;
        }
        if (match) {
            counts[1]++;
        }
        count(match ? "match" : "mismatch");
        return Optional.empty();
    }

    /** No balance goes negative: neither before the tipset nor after its own change. */
    private void negative(long actorId, Tipset at, BalanceQueries.Balance before, List<Mismatch> mismatches) {
        if (before.balance().signum() < 0) {
            mismatches.add(new Mismatch(actorId, at.height(), NEGATIVE, before.balance().toString(), ""));
            return;
        }
        balances.before(actorId, at.height() + 1).filter(after -> after.balance().signum() < 0).ifPresent(after ->
                mismatches.add(new Mismatch(actorId, at.height(), NEGATIVE, after.balance().toString(), "")));
    }

    /** The tipset's child when it is indexed (the state there covers the tipset's own change), else the tipset. */
    private Tipset childOrSelf(Tipset t) {
        Map<String, Object> params = new HashMap<>();
        params.put("lo", t.height() + 1);
        params.put("hi", t.height() + CHILD_REACH);
        params.put("k", t.key());
        return rows.first("SELECT height, tipset_key FROM tipsets FINAL WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64}"
                + " AND null_round = 0 AND parent_key = {k:String} ORDER BY height LIMIT 1", params)
                .map(r -> new Tipset(r.path("height").asLong(), r.path("tipset_key").asText())).orElse(t);
    }

    /** Heights in {@code [from, to)} without a tipsets row (null rounds have one). */
    private long missingHeights(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long present = rows.first("SELECT count() AS n FROM tipsets FINAL WHERE height >= {lo:UInt64} AND height < {hi:UInt64}",
                Map.of("lo", from, "hi", to)).map(r -> r.path("n").asLong()).orElse(0L);
        return (to - from) - present;
    }

    // ---- sampling

    private List<Pair> pairs(Request r) {
        int sample = r.sample();
        long seed = ThreadLocalRandom.current().nextLong() >>> 1;
        Map<String, Object> p = new HashMap<>();
        p.put("lo", r.from());
        p.put("hi", r.to());
        p.put("seed", seed);
        List<Pair> out = new ArrayList<>();
        if (!r.actors().isEmpty()) {
            Set<Long> actors = new LinkedHashSet<>(r.actors());
            p.put("n", Math.max(1, sample / actors.size()));
            List<Tipset> heights = rows.query("SELECT height, tipset_key FROM tipsets FINAL WHERE height BETWEEN {lo:UInt64}"
                    + " AND {hi:UInt64} AND null_round = 0 ORDER BY cityHash64(height, {seed:UInt64}) LIMIT {n:UInt32}", p)
                    .stream().map(t -> new Tipset(t.path("height").asLong(), t.path("tipset_key").asText())).toList();
            for (long a : actors) {
                for (Tipset t : heights) {
                    if (out.size() < sample) {
                        out.add(new Pair(a, t));
                    }
                }
            }
            return out;
        }
        p.put("n", sample);
        for (ObjectNode row : rows.query("SELECT DISTINCT actor_id, height, tipset_key FROM ("
                + " SELECT actor_id, height, tipset_key, indexed_at FROM balance_changes FINAL WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64}"
                + " UNION ALL"
                + " SELECT actor_id, height, tipset_key, indexed_at FROM balance_snapshots FINAL WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64})"
                + " WHERE " + CANONICAL + " ORDER BY cityHash64(actor_id, height, {seed:UInt64}) LIMIT {n:UInt32}", p)) {
            out.add(new Pair(row.path("actor_id").asLong(),
                    new Tipset(row.path("height").asLong(), row.path("tipset_key").asText())));
        }
        return out;
    }

    // ---- per-tipset invariant

    /**
     * Tipsets whose changes are all complete must sum to zero, with what moved to parties without an
     * ID (they have no rows; the tipset row keeps their net as {@code unattributed}); returns how many
     * were checked.
     */
    private int conservation(long from, long to, List<Mismatch> mismatches) {
        Map<String, Object> p = Map.of("lo", from, "hi", to);
        String perTipset = "SELECT c.height AS height, c.deltas + t.unattributed AS total FROM"
                + " (SELECT height, tipset_key, indexed_at, sum(delta) AS deltas FROM balance_changes FINAL"
                + " WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64} GROUP BY height, tipset_key, indexed_at"
                + " HAVING min(complete) = 1) AS c"
                + " INNER JOIN (SELECT height, tipset_key, indexed_at, unattributed FROM tipsets FINAL"
                + " WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64}) AS t"
                + " ON c.height = t.height AND c.tipset_key = t.tipset_key AND c.indexed_at = t.indexed_at";
        int checked = rows.first("SELECT count() AS n FROM (" + perTipset + ")", p)
                .map(r -> r.path("n").asInt()).orElse(0);
        for (ObjectNode r : rows.query("SELECT height, toString(total) AS sum_text FROM (" + perTipset + ")"
                + " WHERE total != 0 ORDER BY height LIMIT " + LISTED, p)) {
            mismatches.add(new Mismatch(0, r.path("height").asLong(), CONSERVATION, r.path("sum_text").asText(), "0"));
        }
        return checked;
    }

    private void count(String outcome) {
        meter().counter(Meters.VERIFY_CHECKS, "outcome", outcome).increment();
    }

    private MeterRegistry meter() {
        MeterRegistry m = meters.get();
        return m != null ? m : NO_METERS;
    }

    private static final MeterRegistry NO_METERS = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

}
