package api;

import java.util.Map;

/**
 * Which heights are final: at least {@code window} epochs below the highest indexed tipset. Data of
 * a final height never changes (no reorg reaches it), so its answers may be cached for good. The
 * highest indexed height is asked of ClickHouse at most once a second.
 */
public final class Finality {
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final SqlRows rows;
    private final long window;
    private volatile long head = -1;
    private volatile long checkedAt = System.nanoTime() - 2 * REFRESH_NANOS;

    public Finality(SqlRows rows, long window) {
        this.rows = rows;
        this.window = window;
    }

    public boolean isFinal(long height) {
        long h = head();
        return h >= 0 && height <= h - window;
    }

    private long head() {
        long now = System.nanoTime();
        if (now - checkedAt > REFRESH_NANOS) {
            synchronized (this) {
                if (now - checkedAt > REFRESH_NANOS) {
                    head = rows.first("SELECT count() AS n, max(height) AS h FROM tipsets", Map.of())
                            .filter(r -> Rows.number(r, "n") > 0).map(r -> Rows.number(r, "h")).orElse(-1L);
                    checkedAt = System.nanoTime();
                }
            }
        }
        return head;
    }
}
