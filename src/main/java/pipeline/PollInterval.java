package pipeline;

/**
 * The indexer consumer's {@code max.poll.interval.ms}, derived from the settings that bound a
 * batch, so that Kafka never takes a slow but live consumer for a dead one. Past this interval
 * Kafka evicts the consumer and hands its batch to another (or back to it), which would again take
 * as long: the same batch redelivered without end. A batch at its worst runs every attempt with
 * every height at its timeout, every write at its timeout, and every backoff in between.
 */
public record PollInterval(int maxPollRecords, int fetchParallelism, long heightTimeoutMs, long insertTimeoutMs,
        int attempts, long backoffMs) {
    /** Writes per attempt that may each wait {@code insertTimeoutMs}: the rows, the commit markers, the reports. */
    static final int WRITES_PER_ATTEMPT = 3;
    /** Room for what no setting bounds tightly: polling, decoding, scheduling on a loaded machine. */
    static final long MARGIN_MS = 60_000;

    public long millis() {
        long rounds = (maxPollRecords + Math.max(1, fetchParallelism) - 1) / Math.max(1, fetchParallelism);
        long attempt = rounds * heightTimeoutMs + WRITES_PER_ATTEMPT * insertTimeoutMs;
        long backoffs = 0;
        for (int i = 0; i < attempts - 1; i++) {
            backoffs += backoffMs << Math.min(i, 30);
        }
        long total = attempts * attempt + backoffs + MARGIN_MS;
        return Math.min(total, Integer.MAX_VALUE);
    }
}
