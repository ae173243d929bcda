package jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks (backfills) ranges: each plan tops the work queue up to the walks' in-flight bound from the
 * active walks, oldest first, and records each walk's progress durably after Kafka took it. The
 * bound is the walks' share of the queue (the rest is follow's, so follow stays near the head during
 * a backfill), and no height above the ceiling ({@code head - confidence}) is enqueued: heights the
 * node may still reorg wait until follow's confidence covers them.
 */
public final class WalkJob {
    private static final Logger LOG = LoggerFactory.getLogger(WalkJob.class);

    private final JobStore store;
    private final HeightsTopic topic;
    private final int maxInFlight;
    private final LongSupplier ceiling;

    /** A walk without ceiling (every height of the range is final). */
    public WalkJob(JobStore store, HeightsTopic topic, int maxInFlight) {
        this(store, topic, maxInFlight, () -> Long.MAX_VALUE);
    }

    /** {@code ceiling}: the highest height a walk may enqueue now (the node's head minus confidence). */
    public WalkJob(JobStore store, HeightsTopic topic, int maxInFlight, LongSupplier ceiling) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("heights in flight must be >= 1");
        }
        this.store = store;
        this.topic = topic;
        this.maxInFlight = maxInFlight;
        this.ceiling = ceiling;
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
        if (budget <= 0) {
            return Handover.none("walk");
        }
        long top = ceiling.getAsLong();
        List<Long> heights = new ArrayList<>();
        Map<Long, Long> nextOf = new LinkedHashMap<>();
        for (JobStore.Walk walk : walks) {
            if (budget <= 0) {
                break;
            }
            long upto = Math.min(Math.min(walk.to(), top), walk.next() + budget - 1);
            if (upto < walk.next()) {
                continue; // the rest of this walk is above the ceiling for now
            }
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
