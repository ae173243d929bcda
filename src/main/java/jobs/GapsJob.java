package jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds heights without a successful processing report and enqueues them again. It runs only
 * when the work queue is drained: then every enqueued height has a report, so a height of an
 * enqueued range (follow cursor, walks) without a successful one is a real gap, not work in flight.
 */
public final class GapsJob {
    private static final Logger LOG = LoggerFactory.getLogger(GapsJob.class);

    private final JobStore store;
    private final ProcessingReports reports;
    private final HeightQueue queue;
    private final HeightsTopic topic;
    private final int maxPerRun;
    private volatile long lastMissing;

    public GapsJob(JobStore store, ProcessingReports reports, HeightQueue queue, HeightsTopic topic, int maxPerRun) {
        this.store = store;
        this.reports = reports;
        this.queue = queue;
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

    /** Returns how many heights were enqueued; 0 while work is still queued. */
    public synchronized int run() {
        if (topic.backlog() > 0) {
            return 0;
        }
        List<Long> failed = reports.failed(maxPerRun);
        List<Long> gaps = find(failed);
        lastMissing = gaps.size() - failed.size();
        if (!gaps.isEmpty()) {
            LOG.info("Re-enqueueing {} gaps, first {}", gaps.size(), gaps.get(0));
            queue.enqueue(gaps, "gaps");
        }
        return gaps.size();
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
