package jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds heights without a successful processing report and hands them over again. It runs only
 * when the work queue is drained: then every enqueued height has a report, so a height of an
 * enqueued range (follow cursor, walks) without a successful one is a real gap, not work in flight.
 */
public final class GapsJob {
    private static final Logger LOG = LoggerFactory.getLogger(GapsJob.class);

    private final JobStore store;
    private final ProcessingReports reports;
    private final HeightsTopic topic;
    private final int maxPerRun;
    private volatile long lastMissing;

    public GapsJob(JobStore store, ProcessingReports reports, HeightsTopic topic, int maxPerRun) {
        this.store = store;
        this.reports = reports;
        this.topic = topic;
        this.maxPerRun = maxPerRun;
    }

    /**
     * Heights the last run that could look (the queue was drained) found missing without any
     * report; heights with a failed report are counted by the reports themselves.
     */
    public long lastMissing() {
        return lastMissing;
    }

    /** The gaps and failed heights to hand over again; none while work is still queued. */
    public synchronized Handover plan() {
        if (topic.backlog() > 0) {
            return Handover.none("gaps");
        }
        List<Long> failed = reports.failed(maxPerRun);
        List<Long> gaps = find(failed);
        lastMissing = gaps.size() - failed.size();
        if (!gaps.isEmpty()) {
            LOG.info("Re-enqueueing {} gaps, first {}", gaps.size(), gaps.get(0));
        }
        // nothing to record: a gap stays a gap until its successful report is written
        return Handover.of("gaps", gaps, () -> { });
    }

    private List<Long> find(List<Long> failed) {
        TreeSet<Long> gaps = new TreeSet<>(failed);
        List<HeightRange> ranges = new ArrayList<>();
        store.followCursor().flatMap(JobStore.Cursor::enqueued).ifPresent(ranges::add);
        store.allWalks().forEach(w -> w.enqueued().ifPresent(ranges::add));
        for (HeightRange range : ranges) {
            if (gaps.size() >= maxPerRun) {
                break;
            }
            gaps.addAll(reports.gaps(range, maxPerRun - gaps.size()));
        }
        return gaps.stream().limit(maxPerRun).toList();
    }
}
