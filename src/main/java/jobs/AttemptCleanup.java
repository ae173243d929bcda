package jobs;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import observe.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the rows of indexing attempts no reader can be served any more (docs/STORAGE.md
 * "Superseded attempts"). Every attempt of a height keeps its own rows (migrations 071, 076), so each
 * re-index stores another copy. Only attempts of the tipset canonical at their height are touched,
 * and never its canonical attempt (the {@code tipsets FINAL} row):
 * <ul>
 * <li>an attempt older than the canonical one is superseded: {@code tipsets} keeps the newest
 * version, so it can never be served again, even if a straggler still commits it;</li>
 * <li>an attempt newer than the canonical one is still running or failed: deleted only once it
 * started more than {@code grace} ago, longer than an attempt can last (the indexer's poll
 * interval bounds a batch), so a running attempt is never touched.</li>
 * </ul>
 * Rows of an orphaned tipset stay: resolving an address seen only on a fork to nothing depends on
 * them (api.ActorDirectory). Each step reads the candidates of a range of heights, then deletes
 * exactly those attempts with a lightweight {@code DELETE}: running again deletes nothing more, and
 * a crash between tables leaves what the next run finds.
 */
public final class AttemptCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptCleanup.class);

    /** The tables whose rows each carry their attempt {@code (height, tipset_key, indexed_at)}. */
    static final List<String> TABLES = List.of("blocks", "block_messages", "messages", "subcalls", "events",
            "creations", "cid_lookup", "address_messages", "address_sightings", "balance_changes", "balance_snapshots", "actor_facts",
            "unexecuted_messages");

    /** Attempts named in one DELETE (its IN set); more are deleted in several. */
    private static final int ATTEMPTS_PER_DELETE = 1_000;

    // table names come from TABLES only; every value is a bound parameter
    private static final String CANDIDATES = """
            SELECT r.height AS height, r.tipset_key AS tipset_key, toString(r.indexed_at) AS attempt, count() AS n
            FROM %s AS r
            INNER JOIN (SELECT height AS c_height, tipset_key AS c_key, indexed_at AS c_at FROM tipsets FINAL
                        WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64}) AS c
                    ON r.height = c.c_height AND r.tipset_key = c.c_key
            WHERE r.height BETWEEN {lo:UInt64} AND {hi:UInt64}
              AND r.indexed_at != c.c_at
              AND (r.indexed_at < c.c_at OR r.indexed_at < now64(6) - toIntervalMillisecond({grace:UInt64}))
            GROUP BY height, tipset_key, attempt""";

    // attempts travel as one text parameter, "height|tipset_key|indexed_at" joined by ';' (CIDs hold neither)
    private static final String DELETE = """
            DELETE FROM %s WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64}
              AND (height, tipset_key, indexed_at) IN (
                  SELECT toUInt64(p[1]), p[2], toDateTime64(p[3], 6, 'UTC')
                  FROM (SELECT splitByChar('|', arrayJoin(splitByChar(';', {attempts:String}))) AS p))""";

    private final Client client;
    private final Duration grace;
    private final long heightsPerStep;
    private final BooleanSupplier active;
    private final MeterRegistry meters;

    /**
     * @param grace how long an attempt newer than the canonical one may still be running
     * @param heightsPerStep heights whose candidates one query reads (bounds the memory of its join)
     * @param active whether this instance runs the cleanup (the scheduler lease's holder)
     */
    public AttemptCleanup(Client client, Duration grace, long heightsPerStep, BooleanSupplier active, MeterRegistry meters) {
        this.client = client;
        this.grace = grace;
        this.heightsPerStep = Math.max(1, heightsPerStep);
        this.active = active;
        this.meters = meters;
    }

    /** One run of the job: every indexed height, when this instance holds the lease; returns the rows deleted. */
    public long run() {
        return active.getAsBoolean() ? run(grace) : 0;
    }

    /** Deletes the stale attempts of every indexed height, with the given grace for attempts newer than the canonical one. */
    public long run(Duration inProgressGrace) {
        List<GenericRecord> bounds = client.queryAll("SELECT min(height) AS lo, max(height) AS hi, count() AS n FROM tipsets");
        if (bounds.isEmpty() || bounds.get(0).getLong("n") == 0) {
            return 0;
        }
        long lo = bounds.get(0).getLong("lo");
        long hi = bounds.get(0).getLong("hi");
        long deleted = 0;
        for (long from = lo; from <= hi; from += heightsPerStep) {
            long to = Math.min(hi, from + heightsPerStep - 1);
            for (String table : TABLES) {
                deleted += clean(table, from, to, inProgressGrace);
            }
        }
        if (deleted > 0) {
            LOG.info("deleted {} rows of superseded or failed indexing attempts (heights {}..{})", deleted, lo, hi);
        }
        return deleted;
    }

    private long clean(String table, long lo, long hi, Duration inProgressGrace) {
        List<GenericRecord> stale = client.queryAll(CANDIDATES.formatted(table),
                Map.of("lo", lo, "hi", hi, "grace", inProgressGrace.toMillis()));
        long rows = 0;
        for (int i = 0; i < stale.size(); i += ATTEMPTS_PER_DELETE) {
            List<GenericRecord> chunk = stale.subList(i, Math.min(stale.size(), i + ATTEMPTS_PER_DELETE));
            String attempts = chunk.stream()
                    .map(r -> r.getLong("height") + "|" + r.getString("tipset_key") + "|" + r.getString("attempt"))
                    .collect(Collectors.joining(";"));
            client.queryAll(DELETE.formatted(table), Map.of("lo", lo, "hi", hi, "attempts", attempts));
            long n = chunk.stream().mapToLong(r -> r.getLong("n")).sum();
            meters.counter(Meters.CLEANUP_ROWS_DELETED, "table", table).increment(n);
            rows += n;
        }
        return rows;
    }
}
