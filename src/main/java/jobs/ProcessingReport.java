package jobs;

import java.time.Instant;
import java.util.Map;

/** One processing attempt's outcome for one height: a row of {@code processing_reports}. */
public record ProcessingReport(long height, String tipsetKey, Status status, String mode, int attempt,
                               Instant startedAt, Instant finishedAt, long durationMs,
                               Map<String, Long> counts, String error) {

    public enum Status {
        INDEXED("indexed"), NULL_ROUND("null_round"), FAILED("failed");

        private final String sql;

        Status(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    public ProcessingReport {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        tipsetKey = tipsetKey == null ? "" : tipsetKey;
        mode = mode == null ? "" : mode;
    }
}
