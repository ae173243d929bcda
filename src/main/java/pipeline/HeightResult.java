package pipeline;

import java.util.Objects;

/**
 * What indexing one height produced: the seam between the per-height pipeline
 * ({@code direct:index-heights}) and the jobs that feed it. Either counts (success) or an error.
 */
public record HeightResult(
        long height,
        String tipsetKey,
        boolean nullRound,
        IndexMode mode,
        Counts counts,
        long durationMs,
        Throwable error) {

    /** Row counts of one height, as written. */
    public record Counts(int blocks, int messages, int implicitMessages, int subcalls,
                         int failedMessages, int events, int creations) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);
    }

    public HeightResult {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(counts, "counts");
    }

    public static HeightResult failed(long height, IndexMode mode, long durationMs, Throwable error) {
        return new HeightResult(height, null, false, mode, Counts.NONE, durationMs,
                Objects.requireNonNull(error, "error"));
    }

    public boolean succeeded() {
        return error == null;
    }
}
