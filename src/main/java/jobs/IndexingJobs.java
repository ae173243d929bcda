package jobs;

import filflow.Redact;
import lotus.TipSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs as a service: what {@code POST /api/v1/admin/index} and {@code GET /api/v1/status}
 * call, and the plan beans of the job timers (jobs.camel.yaml). Requests are answered once queued (a list on Kafka, a
 * range as a durable walk), not when indexed.
 */
public final class IndexingJobs {
    private static final Logger LOG = LoggerFactory.getLogger(IndexingJobs.class);
    /** Most heights one index request may list; larger sets are ranges. */
    public static final int MAX_LISTED_HEIGHTS = 10_000;

    private final FollowJob follow;
    private final WalkJob walk;
    private final GapsJob gaps;
    private final HeightQueue queue;
    private final ProcessingReports reports;
    private final String configuredMode;
    /** Whether this instance is the one that runs follow, walk and gaps ({@link SchedulerLease}). */
    private final BooleanSupplier scheduler;
    /** The latest failure of each job's tick, cleared by its next success. */
    private final Map<String, String> jobErrors = new ConcurrentHashMap<>();

    /** A single instance: it always runs the jobs. */
    public IndexingJobs(FollowJob follow, WalkJob walk, GapsJob gaps, HeightQueue queue,
                        ProcessingReports reports, String configuredMode) {
        this(follow, walk, gaps, queue, reports, configuredMode, () -> true);
    }

    /** {@code scheduler}: true while this instance holds the right to run the jobs. */
    public IndexingJobs(FollowJob follow, WalkJob walk, GapsJob gaps, HeightQueue queue,
                        ProcessingReports reports, String configuredMode, BooleanSupplier scheduler) {
        this.scheduler = scheduler;
        this.follow = follow;
        this.walk = walk;
        this.gaps = gaps;
        this.queue = queue;
        this.reports = reports;
        this.configuredMode = configuredMode;
    }

    /** Index these heights now (job "index"). */
    public Submission submitHeights(List<Long> heights) {
        if (heights == null || heights.isEmpty()) {
            throw new IllegalArgumentException("heights must list at least one height");
        }
        if (heights.size() > MAX_LISTED_HEIGHTS) {
            throw new IllegalArgumentException("at most " + MAX_LISTED_HEIGHTS + " heights per request; use from/to");
        }
        for (Long h : heights) {
            if (h == null || h < 0) {
                throw new IllegalArgumentException("heights must be non-negative integers: " + h);
            }
        }
        List<Long> distinct = heights.stream().distinct().sorted().toList();
        queue.enqueue(distinct, "index");
        return new Submission("index", distinct.size(), null);
    }

    /** Walk {@code from..to} (inclusive) with the configured number of heights in flight. */
    public Submission submitRange(long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("need 0 <= from <= to, got from=" + from + " to=" + to);
        }
        // the walk timer hands its heights over (only it does, so no height is handed over twice)
        JobStore.Walk w = walk.start(new HeightRange(from, to));
        return new Submission("walk", to - from + 1, w.id());
    }

    /**
     * The jobs named in configuration: a walk {@code "from..to"} (registered once; a restart finds
     * it durable and carries on) and a list {@code "h1,h2,…"} (enqueued at every start). Blank
     * values start nothing.
     */
    public void startConfigured(String walkRange, String heights) {
        if (walkRange != null && !walkRange.isBlank()) {
            HeightRange range = parseRange(walkRange.trim());
            if (walk.isRegistered(range)) {
                LOG.info("Configured walk {}..{} already registered", range.from(), range.to());
            } else {
                submitRange(range.from(), range.to());
            }
        }
        if (heights != null && !heights.isBlank()) {
            submitHeights(java.util.Arrays.stream(heights.split(","))
                    .map(String::trim).filter(h -> !h.isEmpty()).map(IndexingJobs::parseHeight).toList());
        }
    }

    private static HeightRange parseRange(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("a walk range reads from..to, got " + text);
        }
        return new HeightRange(parseHeight(text.substring(0, dots)), parseHeight(text.substring(dots + 2)));
    }

    private static long parseHeight(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a height: " + text, e);
        }
    }

    /** Header of Kamelet lotus-head-source: the head's height minus its confidence. */
    public static final String CONFIRMED_HEIGHT = "filflowConfirmedHeight";
    /** Header of Kamelet lotus-head-source when the poll failed (the exception; no head). */
    public static final String HEAD_ERROR = "filflowHeadError";

    /**
     * What the follow job hands over for a head polled by Kamelet lotus-head-source (route
     * {@code follow-chain}): nothing unless this instance is the scheduler.
     */
    public Handover planFollow(@Body Object head, @Header(CONFIRMED_HEIGHT) Long confirmedHeight,
                               @Header(HEAD_ERROR) Exception pollError) {
        if (pollError != null) {
            throw new IllegalStateException("polling the head failed: " + pollError.getMessage(), pollError);
        }
        return scheduler.getAsBoolean() ? follow.plan(LotusNodeChain.tip((TipSet) head), confirmedHeight)
                : Handover.none("follow");
    }

    /** What the walk timer hands over (route {@code walk-ranges}): nothing unless this instance is the scheduler. */
    public Handover planWalk() {
        return scheduler.getAsBoolean() ? walk.plan() : Handover.none("walk");
    }

    /** What the gaps timer hands over (route {@code fill-gaps}): nothing unless this instance is the scheduler. */
    public Handover planGaps() {
        return scheduler.getAsBoolean() ? gaps.plan() : Handover.none("gaps");
    }

    /** Called by a job's route after a tick that went through: its last failure is over. */
    public void jobSucceeded(String job) {
        jobErrors.remove(job);
    }

    /** Called by the jobs' route configuration when a tick fails; the next tick tries again. */
    public void jobFailed(String job, Throwable error) {
        jobErrors.put(job, job + ": " + Redact.text(error.getMessage()));
        LOG.warn("Job {} failed this tick: {}", job, error.toString());
    }

    /** What the status page shows beyond the summary: the walks, recent failures, heights per minute. */
    public record Progress(List<WalkProgress> walks, List<ProcessingReports.Failure> failures,
                           List<ProcessingReports.Minute> throughput) {
    }

    /** The walks with their progress, the 20 latest failed heights and the last hour's heights per minute. */
    public Progress progress() {
        return new Progress(walk.walks().stream().map(this::progressOf).toList(), reports.failures(20),
                reports.throughput(60));
    }

    /** Every walk registered, finished ones included. */
    public List<JobStore.Walk> walks() {
        return walk.walks();
    }

    /** How far {@code w} is: done, failed, rate and time left (one query over its range). */
    public WalkProgress progressOf(JobStore.Walk w) {
        return WalkProgress.of(w, reports.rangeCounts(new HeightRange(w.from(), w.to()), WalkProgress.RATE_WINDOW));
    }

    /** Heights whose latest attempt failed within the last {@code window} (alert {@code failing-heights}). */
    public long failingHeights(java.time.Duration window) {
        return reports.failedWithin(window);
    }

    public IndexingStatus status() {
        ProcessingReports.Summary summary = reports.summary();
        // from storage: on an instance that is not the scheduler, follow and gaps never ran
        JobStore.Observed observed = follow.observed();
        Long headHeight = observed.head();
        Long indexed = summary.indexedHeight().orElse(null);
        Long lag = headHeight == null || indexed == null ? null : Math.max(0, headHeight - indexed);
        String error = jobErrors.values().stream().findFirst().orElse(summary.lastError());
        String mode = summary.mode() != null ? summary.mode() : configuredMode;
        return new IndexingStatus(headHeight, indexed, lag, observed.confidence(),
                summary.failedHeights() + observed.missing(), error, mode);
    }

}
