package jobs;

import java.util.List;
import java.util.stream.LongStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks (backfills) ranges: each tick tops the work queue up to the in-flight bound from the
 * active walks, oldest first, and records each walk's progress durably after Kafka took it.
 */
public final class WalkJob {
    private static final Logger LOG = LoggerFactory.getLogger(WalkJob.class);

    private final JobStore store;
    private final HeightQueue queue;
    private final HeightsTopic topic;
    private final int maxInFlight;

    public WalkJob(JobStore store, HeightQueue queue, HeightsTopic topic, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("heights in flight must be >= 1");
        }
        this.store = store;
        this.queue = queue;
        this.topic = topic;
        this.maxInFlight = maxInFlight;
    }

    public JobStore.Walk start(HeightRange range) {
        JobStore.Walk walk = store.createWalk(range);
        LOG.info("Walk {} registered: heights {}..{}", walk.id(), range.from(), range.to());
        return walk;
    }

    /** Every walk registered, finished ones included. */
    public List<JobStore.Walk> walks() {
        return store.allWalks();
    }

    public boolean isRegistered(HeightRange range) {
        return store.allWalks().stream().anyMatch(w -> w.from() == range.from() && w.to() == range.to());
    }

    /** Returns how many heights were enqueued. */
    public synchronized int tick() {
        List<JobStore.Walk> walks = store.activeWalks();
        if (walks.isEmpty()) {
            return 0;
        }
        long budget = maxInFlight - topic.backlog();
        int enqueued = 0;
        for (JobStore.Walk walk : walks) {
            if (budget <= 0) {
                break;
            }
            long upto = Math.min(walk.to(), walk.next() + budget - 1);
            List<Long> heights = LongStream.rangeClosed(walk.next(), upto).boxed().toList();
            queue.enqueue(heights, "walk");
            store.advanceWalk(walk.id(), upto + 1);
            budget -= heights.size();
            enqueued += heights.size();
            if (upto == walk.to()) {
                LOG.info("Walk {} fully enqueued ({}..{})", walk.id(), walk.from(), walk.to());
            }
        }
        return enqueued;
    }
}
