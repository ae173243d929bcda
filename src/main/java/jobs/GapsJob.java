package jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds heights without a successful processing report and hands them over again, also while a
 * walk keeps the queue busy. A height of an enqueued range (follow cursor, walks) without a report
 * may simply still be queued, so the job works in two steps: a <em>mark</em> notes the enqueued
 * ranges and then where the queue ends; once the indexer has consumed past that end, every height
 * of the marked ranges has a report (the consumer commits only reported heights), and one without
 * a successful report is a real gap. The mark after a sweep is taken at the next run, after the
 * sweep's own heights reached the queue, so a gap is never handed over twice while in flight.
 */
public final class GapsJob {
    private static final Logger LOG = LoggerFactory.getLogger(GapsJob.class);

    private final JobStore store;
    private final ProcessingReports reports;
    private final HeightsTopic topic;
    private final int maxPerRun;
    /** The ranges enqueued at the mark, and where the queue ended just after; null: none taken yet. */
    private Mark mark;

    private record Mark(List<HeightRange> ranges, Map<Integer, Long> ends) {
    }

    public GapsJob(JobStore store, ProcessingReports reports, HeightsTopic topic, int maxPerRun) {
        this.store = store;
        this.reports = reports;
        this.topic = topic;
        this.maxPerRun = maxPerRun;
    }

    /** The gaps and failed heights to hand over again; none until the heights marked have all been consumed. */
    public synchronized Handover plan() {
        if (mark == null) {
            List<HeightRange> ranges = enqueuedRanges();
            // the ranges first: each of their heights was acknowledged by Kafka before its range grew,
            // so it lies below the ends read now
            mark = new Mark(ranges, topic.ends());
        }
        if (!topic.consumedPast(mark.ends())) {
            return Handover.none("gaps");
        }
        List<Long> failed = reports.failed(maxPerRun);
        List<Long> gaps = find(failed, mark.ranges());
        mark = null;
        // heights missing without any report (failed ones are counted by the reports), for every instance's status
        store.saveMissing(gaps.size() - failed.size());
        if (!gaps.isEmpty()) {
            LOG.info("Re-enqueueing {} gaps, first {}", gaps.size(), gaps.get(0));
        }
        // nothing to record: a gap stays a gap until its successful report is written
        return Handover.of("gaps", gaps, () -> { });
    }

    private List<HeightRange> enqueuedRanges() {
        List<HeightRange> ranges = new ArrayList<>();
        store.followCursor().flatMap(JobStore.Cursor::enqueued).ifPresent(ranges::add);
        store.allWalks().forEach(w -> w.enqueued().ifPresent(ranges::add));
        return ranges;
    }

    private List<Long> find(List<Long> failed, List<HeightRange> ranges) {
        TreeSet<Long> gaps = new TreeSet<>(failed);
        for (HeightRange range : ranges) {
            if (gaps.size() >= maxPerRun) {
                break;
            }
            gaps.addAll(reports.gaps(range, maxPerRun - gaps.size()));
        }
        return gaps.stream().limit(maxPerRun).toList();
    }
}
