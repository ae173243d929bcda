package accounts;

import api.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sliding-window request limits per key ({@code login:email:…}, {@code verify:client:…}), in
 * memory of this instance: each instance limits what reaches it. Time comes from the injected
 * clock, so tests move it instead of sleeping.
 */
public final class RateLimiter {
    private static final int MAX_KEYS = 100_000;
    private final Clock clock;
    private final Duration window;
    private final Map<String, Deque<Long>> hits = new LinkedHashMap<>(16, 0.75f, true);

    public RateLimiter(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** Counts one request under {@code key}; 429 with Retry-After when {@code limit} are already in the window. */
    public synchronized void acquire(String key, int limit, String what) {
        long now = clock.millis();
        Deque<Long> times = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            long retry = Math.max(1, (times.peekFirst() + window.toMillis() - now + 999) / 1000);
            throw ApiException.rateLimited("too many " + what + " requests; try again in " + retry + " s", (int) retry);
        }
        times.addLast(now);
        if (hits.size() > MAX_KEYS) {   // forget the least recently used keys
            Iterator<String> oldest = hits.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
