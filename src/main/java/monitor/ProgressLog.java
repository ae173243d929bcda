package monitor;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import jobs.IndexingJobs;
import jobs.JobStore;
import jobs.WalkProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route {@code observe-progress}: one log line per unfinished walk (range, done, failed, rate,
 * time left), and one when a walk completes; complete walks are not looked at again.
 */
public final class ProgressLog {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final IndexingJobs jobs;
    private final Set<Long> complete = new HashSet<>();

    public ProgressLog(IndexingJobs jobs) {
        this.jobs = jobs;
    }

    public synchronized void log() {
        for (JobStore.Walk walk : jobs.walks()) {
            if (complete.contains(walk.id())) {
                continue;
            }
            WalkProgress p = jobs.progressOf(walk);
            if (p.complete()) {
                complete.add(walk.id());
                LOG.info("Walk {} ({}..{}) complete: {} heights done", p.id(), p.from(), p.to(), p.done());
            } else {
                LOG.info(line(p));
            }
        }
    }

    static String line(WalkProgress p) {
        return String.format(Locale.ROOT, "Walk %d (%d..%d): %d of %d done (%.1f%%), %d failed, %.2f heights/s, %s",
                p.id(), p.from(), p.to(), p.done(), p.size(), p.done() * 100.0 / p.size(), p.failed(),
                p.ratePerSecond(), p.etaSeconds() == null ? "ETA unknown (no height done in the last minute)"
                        : "ETA " + duration(p.etaSeconds()));
    }

    private static String duration(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return (seconds / 60) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
