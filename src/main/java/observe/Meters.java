package observe;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The application's meter names (Micrometer dots; Prometheus shows them with underscores, counters
 * with {@code _total}, timers as {@code _seconds} histograms) and the buckets of its latency
 * histograms. docs/OPERATING.md lists them; ops/grafana and ops/prometheus use them.
 */
public final class Meters {
    /**
     * Heights whose processing ended, tags {@code indexing_job} (follow, walk, index, gaps, reorg: not
     * {@code job}, which Prometheus reserves for the scrape job) and {@code status} (indexed, null_round, failed).
     */
    public static final String HEIGHTS_INDEXED = "filflow.heights.indexed";
    /** Rows ClickHouse acknowledged, tag {@code table}. */
    public static final String ROWS_INSERTED = "filflow.clickhouse.rows.inserted";
    /** One ClickHouse insert, tags {@code table} and {@code outcome} (ok, failed). */
    public static final String INSERT = "filflow.clickhouse.insert";
    /** One API request, tags {@code route} (the REST operation's id) and {@code status} (HTTP code). */
    public static final String API_REQUESTS = "filflow.api.requests";
    /** API requests shed, not executed, tag {@code reason} (overloaded, deadline, disconnected): api.RequestAdmission. */
    public static final String API_SHED = "filflow.api.shed";
    /** Records of the new-contract listener, tag {@code outcome} (stored, dead_lettered, failed). */
    public static final String LISTENER_RECORDS = "filflow.listener.records";
    /** Steps of the new-contract listener tried again after a failure. */
    public static final String LISTENER_RETRIES = "filflow.listener.retries";
    /** Cache lookups, tags {@code cache} and {@code result} (hit, miss). */
    public static final String CACHE_GETS = "filflow.cache.gets";
    /** Entries held, tag {@code cache}. */
    public static final String CACHE_SIZE = "filflow.cache.size";
    /** The node's head height, as the follow job last saw it. */
    public static final String HEAD_HEIGHT = "filflow.chain.head.height";
    /** The highest height indexed successfully. */
    public static final String INDEXED_HEIGHT = "filflow.indexed.height";
    /** {@code head - indexed}. */
    public static final String LAG = "filflow.lag.heights";
    /** Heights of the jobs' ranges missing or whose latest attempt failed. */
    public static final String GAPS = "filflow.gaps.heights";
    /** Heights whose latest attempt failed within the alerts' failing window. */
    public static final String FAILING = "filflow.failing.heights";
    /** Work items on the heights topic not yet consumed by the indexer group (its consumer lag). */
    public static final String QUEUE_DEPTH = "filflow.heights.queue.depth";
    /** Seconds since the indexed height last advanced while follow runs (0 when follow is off). */
    public static final String FOLLOW_STALLED = "filflow.follow.stalled.seconds";
    /** 1 while an alert fires, else 0, tag {@code alert}. */
    public static final String ALERTS_FIRING = "filflow.alerts.firing";
    /** Samples of the indexing gauges that failed (a dependency was down); the gauges keep their last values. */
    public static final String SAMPLE_ERRORS = "filflow.observe.sample.errors";

    /** (actor, tipset) pairs of the state verification, tag {@code outcome} (match, mismatch, unverifiable). */
    public static final String VERIFY_CHECKS = "filflow.verify.checks";
    /** Mismatches the state verification recorded, tag {@code kind} (balance, nonce, conservation, negative). */
    public static final String VERIFY_MISMATCHES = "filflow.verify.mismatches";

    /**
     * Rows of superseded or failed indexing attempts the cleanup deleted (jobs.AttemptCleanup), tag
     * {@code table}.
     */
    public static final String CLEANUP_ROWS_DELETED = "filflow.cleanup.rows.deleted";

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private Meters() {
    }

    /**
     * A latency timer published as a Prometheus histogram with fixed buckets (5 ms … 120 s), so
     * quantiles can be computed across instances ({@code histogram_quantile}).
     */
    public static Timer.Builder latency(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS);
    }
}
