package jobs;

import java.time.Duration;

/**
 * How far a walk is: its range, how far it is enqueued ({@code next}), its heights {@code done}
 * (latest report indexed or null round) and {@code failed} (latest attempt failed; the gaps job
 * tries them again), the rate of the last minute and the seconds left at that rate (null while
 * nothing moves, 0 when done).
 */
public record WalkProgress(long id, long from, long to, long next, long done, long failed, double ratePerSecond,
                           Long etaSeconds) {
    /** The rate is measured over this window (or since the walk's first height, if younger). */
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    static WalkProgress of(JobStore.Walk walk, ProcessingReports.RangeCounts counts) {
        long size = walk.to() - walk.from() + 1;
        double rate = counts.recentDone() == 0 ? 0 : counts.recentDone() * 1000.0 / Math.max(1000, counts.recentMillis());
        long left = Math.max(0, size - counts.done());
        Long eta = left == 0 ? Long.valueOf(0) : rate > 0 ? Long.valueOf((long) Math.ceil(left / rate)) : null;
        return new WalkProgress(walk.id(), walk.from(), walk.to(), walk.next(), counts.done(), counts.failed(), rate, eta);
    }

    public long size() {
        return to - from + 1;
    }

    /** Every height is enqueued (the walk's job is over; indexing may still run). */
    public boolean finished() {
        return next > to;
    }

    /** Every height is done. */
    public boolean complete() {
        return done >= size();
    }
}
