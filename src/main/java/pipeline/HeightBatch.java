package pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import storage.rows.Row;

/** One call of {@code direct:index-heights} in flight: the heights' extraction outcomes and the first write error if any. */
public final class HeightBatch {
    /** A height's extraction: rows, or the error that stopped it. */
    record Outcome(long height, HeightRows rows, Throwable error, long extractMillis) {
    }

    private final List<Outcome> outcomes;
    private final long startNanos;
    private volatile Throwable writeError;

    private final long spilledRows;

    /** @param spilledRows rows the heights inserted while they were extracted (above their bound) */
    HeightBatch(List<Outcome> outcomes, long startNanos, long spilledRows) {
        this.spilledRows = spilledRows;
        this.outcomes = outcomes;
        this.startNanos = startNanos;
    }

    List<Outcome> outcomes() {
        return outcomes;
    }

    private long extractMillis;

    void extracted(long millis) {
        extractMillis = millis;
    }

    long extractMillis() {
        return extractMillis;
    }

    long spilledRows() {
        return spilledRows;
    }

    long startNanos() {
        return startNanos;
    }

    /**
     * The data rows of every height that extracted completely, grouped by table (the router's
     * input): one exchange per table instead of one per row keeps routing off the hot path.
     */
    public List<TableRows> getRowsByTable() {
        Map<String, List<Row>> byTable = new LinkedHashMap<>();
        extracted().forEach(r -> r.rows().forEach(
                row -> byTable.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row)));
        return byTable.entrySet().stream().map(e -> new TableRows(e.getKey(), e.getValue())).toList();
    }

    /** The creations to announce on {@code new_contract}, of heights that extracted completely. */
    public List<NewContract> getNewContracts() {
        List<NewContract> all = new ArrayList<>();
        extracted().forEach(r -> all.addAll(r.newContracts()));
        return all;
    }

    List<HeightRows> extracted() {
        return outcomes.stream().filter(o -> o.rows() != null).map(Outcome::rows).toList();
    }

    void failWrites(Throwable error) {
        if (writeError == null) {
            writeError = error;
        }
    }

    Throwable writeError() {
        return writeError;
    }
}
