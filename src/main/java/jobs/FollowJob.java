package jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The follow job, one tick per timer firing: enqueue every height up to {@code head - confidence}
 * in order (never more than the in-flight bound ahead of the indexer), and re-enqueue recent heights
 * whose stored tipset is no longer the node's (a reorg), so their rows replace the orphaned ones.
 */
public final class FollowJob {
    private static final Logger LOG = LoggerFactory.getLogger(FollowJob.class);

    public record Settings(int confidence, long startHeight, int maxInFlight, int reorgWindow) {
        /** {@code startHeight < 0}: a new deployment starts at the head (minus confidence). */
        public Settings {
            if (confidence < 0 || maxInFlight < 1 || reorgWindow < 0) {
                throw new IllegalArgumentException("bad follow settings: " + this);
            }
        }
    }

    private final NodeChain chain;
    private final JobStore store;
    private final HeightQueue queue;
    private final HeightsTopic topic;
    private final StoredTipsets stored;
    private final Settings settings;
    /** Heights re-enqueued for a reorg, with the node key they should end up with. */
    private final Map<Long, String> reorgsPending = new ConcurrentHashMap<>();
    private volatile NodeChain.Tip lastHead;

    public FollowJob(NodeChain chain, JobStore store, HeightQueue queue, HeightsTopic topic,
                     StoredTipsets stored, Settings settings) {
        this.chain = chain;
        this.store = store;
        this.queue = queue;
        this.topic = topic;
        this.stored = stored;
        this.settings = settings;
    }

    public NodeChain.Tip lastHead() {
        return lastHead;
    }

    public int confidence() {
        return settings.confidence();
    }

    /** The highest height that may be indexed now: the node's head minus confidence (asked now). */
    public long ceiling() {
        return chain.head().height() - settings.confidence();
    }

    /** One poll of the head; returns how many heights were enqueued. */
    public synchronized int tick() {
        NodeChain.Tip head = chain.head();
        lastHead = head;
        long target = head.height() - settings.confidence();
        if (target < 0) {
            return 0;
        }
        JobStore.Cursor cursor = store.followCursor().orElseGet(() -> start(target));
        int reorged = reenqueueReorged(cursor);
        long budget = settings.maxInFlight() - topic.backlog();
        long upto = Math.min(target, cursor.next() + budget - 1);
        if (upto < cursor.next()) {
            return reorged;
        }
        List<Long> heights = LongStream.rangeClosed(cursor.next(), upto).boxed().toList();
        queue.enqueue(heights, "follow");
        store.saveFollowCursor(new JobStore.Cursor(cursor.start(), upto + 1));
        return reorged + heights.size();
    }

    private JobStore.Cursor start(long target) {
        long first = settings.startHeight() >= 0 ? settings.startHeight() : target;
        JobStore.Cursor cursor = new JobStore.Cursor(first, first);
        store.saveFollowCursor(cursor);
        LOG.info("Follow starts at height {} (head - confidence = {})", first, target);
        return cursor;
    }

    private int reenqueueReorged(JobStore.Cursor cursor) {
        if (settings.reorgWindow() == 0 || cursor.next() <= cursor.start()) {
            return 0;
        }
        long to = cursor.next() - 1;
        long from = Math.max(cursor.start(), to - settings.reorgWindow() + 1);
        List<Long> changed = new ArrayList<>();
        for (Map.Entry<Long, String> e : stored.keys(new HeightRange(from, to)).entrySet()) {
            long height = e.getKey();
            String nodeKey = chain.keyAt(height);
            if (nodeKey.equals(e.getValue())) {
                reorgsPending.remove(height);
            } else if (!nodeKey.equals(reorgsPending.get(height))) {
                changed.add(height);
                reorgsPending.put(height, nodeKey);
            }
        }
        reorgsPending.keySet().removeIf(h -> h < from);
        if (!changed.isEmpty()) {
            LOG.warn("Reorg: heights {} changed tipset, re-indexing them", changed);
            queue.enqueue(changed, "reorg");
        }
        return changed.size();
    }
}
