package jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks (backfills) ranges: each plan tops the work queue up to the in-flight bound from the
 * active walks, oldest first, and records each walk's progress durably after Kafka took it.
 */
public final class WalkJob {
    private static final Logger LOG = LoggerFactory.getLogger(WalkJob.class);

    private final JobStore store;
    private final HeightsTopic topic;
    private final int maxInFlight;

    public WalkJob(JobStore store, HeightsTopic topic, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("heights in flight must be >= 1");
        }
        this.store = store;
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

    /**
     * The heights that top the queue up to the in-flight bound, oldest walk first, and, once Kafka
     * has them, each walk's progress moved past them. Only the walk timer calls this, so two plans
     * never hand over the same heights.
     */
    public synchronized Handover plan() {
        List<JobStore.Walk> walks = store.activeWalks();
        if (walks.isEmpty()) {
            return Handover.none("walk");
        }
        long budget = maxInFlight - topic.backlog();
        List<Long> heights = new ArrayList<>();
        Map<Long, Long> nextOf = new LinkedHashMap<>();
        for (JobStore.Walk walk : walks) {
            if (budget <= 0) {
                break;
            }
            long upto = Math.min(walk.to(), walk.next() + budget - 1);
            LongStream.rangeClosed(walk.next(), upto).forEach(heights::add);
            nextOf.put(walk.id(), upto + 1);
            budget -= upto - walk.next() + 1;
        }
        return Handover.of("walk", heights, () -> nextOf.forEach((id, next) -> {
            store.advanceWalk(id, next);
            walks.stream().filter(w -> w.id() == id && next > w.to()).findFirst().ifPresent(w ->
                    LOG.info("Walk {} fully enqueued ({}..{})", w.id(), w.from(), w.to()));
        }));
    }
}
