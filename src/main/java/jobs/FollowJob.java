package jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The follow job, one plan per timer firing: hand over every height up to {@code head - confidence}
 * in order (never more than the in-flight bound ahead of the indexer), and again recent heights
 * whose stored tipset is no longer the node's (a reorg), so their rows replace the orphaned ones.
 */
public final class FollowJob {
    private static final Logger LOG = LoggerFactory.getLogger(FollowJob.class);

    public record Settings(long startHeight, int maxInFlight, int reorgWindow) {
        /** {@code startHeight < 0}: a new deployment starts at the confirmed head. */
        public Settings {
            if (maxInFlight < 1 || reorgWindow < 0) {
                throw new IllegalArgumentException("bad follow settings: " + this);
            }
        }
    }

    private final NodeChain chain;
    private final JobStore store;
    private final HeightsTopic topic;
    private final StoredTipsets stored;
    private final Settings settings;
    /** Heights re-enqueued for a reorg, with the node key they should end up with. */
    private final Map<Long, String> reorgsPending = new ConcurrentHashMap<>();
    private volatile NodeChain.Tip lastHead;

    public FollowJob(NodeChain chain, JobStore store, HeightsTopic topic,
                     StoredTipsets stored, Settings settings) {
        this.chain = chain;
        this.store = store;
        this.topic = topic;
        this.stored = stored;
        this.settings = settings;
    }

    public NodeChain.Tip lastHead() {
        return lastHead;
    }

    /** The head and confidence the scheduler's follow last saw, whichever instance that is. */
    public JobStore.Observed observed() {
        return store.observed();
    }

    /**
     * One poll of the head ({@code confirmedHeight}: the highest height considered final): the heights to hand over (reorged ones first) and, once Kafka has them,
     * the cursor moved past them. Nothing is recorded here except where a new deployment starts.
     */
    public synchronized Handover plan(NodeChain.Tip head, long confirmedHeight) {
        lastHead = head;
        int confidence = (int) Math.max(0, head.height() - confirmedHeight);
        // for /api/v1/status of every instance, not only this one
        store.saveHead(head.height(), confidence);
        long target = confirmedHeight;
        if (target < 0) {
            return Handover.none("follow");
        }
        JobStore.Cursor cursor = store.followCursor().orElseGet(() -> start(target));
        Map<Long, String> reorged = reorged(cursor);
        List<WorkItem> items = new ArrayList<>();
        reorged.keySet().forEach(h -> items.add(new WorkItem(h, "reorg", 0)));
        long budget = settings.maxInFlight() - topic.backlog() - reorged.size();
        long upto = Math.min(target, cursor.next() + budget - 1);
        if (upto >= cursor.next()) {
            LongStream.rangeClosed(cursor.next(), upto).forEach(h -> items.add(new WorkItem(h, "follow", 0)));
        }
        JobStore.Cursor advanced = new JobStore.Cursor(cursor.start(), Math.max(cursor.next(), upto + 1));
        return new Handover("follow", items, () -> {
            reorgsPending.putAll(reorged);
            if (!advanced.equals(cursor)) {
                store.saveFollowCursor(advanced);
            }
        });
    }

    private JobStore.Cursor start(long target) {
        long first = settings.startHeight() >= 0 ? settings.startHeight() : target;
        JobStore.Cursor cursor = new JobStore.Cursor(first, first);
        store.saveFollowCursor(cursor);
        LOG.info("Follow starts at height {} (confirmed head {})", first, target);
        return cursor;
    }

    /** Heights below the cursor whose tipset changed on the node, with the node's key now. */
    private Map<Long, String> reorged(JobStore.Cursor cursor) {
        Map<Long, String> changed = new TreeMap<>();
        if (settings.reorgWindow() == 0 || cursor.next() <= cursor.start()) {
            return changed;
        }
        long to = cursor.next() - 1;
        long from = Math.max(cursor.start(), to - settings.reorgWindow() + 1);
        for (Map.Entry<Long, String> e : stored.keys(new HeightRange(from, to)).entrySet()) {
            long height = e.getKey();
            String nodeKey = chain.keyAt(height);
            if (nodeKey.equals(e.getValue())) {
                reorgsPending.remove(height);
            } else if (!nodeKey.equals(reorgsPending.get(height))) {
                changed.put(height, nodeKey);
            }
        }
        reorgsPending.keySet().removeIf(h -> h < from);
        if (!changed.isEmpty()) {
            LOG.warn("Reorg: heights {} changed tipset, re-indexing them", changed.keySet());
        }
        return changed;
    }
}
