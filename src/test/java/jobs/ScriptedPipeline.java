package jobs;

import pipeline.HeightResult;
import pipeline.IndexMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the per-height pipeline behind {@code direct:index-heights} in tests of the queue
 * mechanics: records every height it is handed and fails chosen heights a chosen number of times.
 */
public final class ScriptedPipeline {
    private final ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
    private final Map<Long, AtomicInteger> failures = new ConcurrentHashMap<>();

    public void failHeight(long height, int times) {
        failures.put(height, new AtomicInteger(times));
    }

    /** The node recovered: the height indexes from now on. */
    public void recover(long height) {
        failures.remove(height);
    }

    public List<Long> seen() {
        return new ArrayList<>(seen);
    }

    public List<HeightResult> index(List<Long> heights) {
        List<HeightResult> results = new ArrayList<>();
        for (long h : heights) {
            seen.add(h);
            AtomicInteger left = failures.get(h);
            if (left != null && left.getAndDecrement() > 0) {
                results.add(HeightResult.failed(h, IndexMode.FULL, 1, new IllegalStateException("scripted failure at " + h)));
            } else {
                results.add(new HeightResult(h, "bafy" + h, false, IndexMode.FULL,
                        new HeightResult.Counts(1, 2, 1, 3, 0, 0, 0), 1, null));
            }
        }
        return results;
    }
}
