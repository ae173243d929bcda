package pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import storage.rows.Row;

/**
 * The rows of one height not yet handed on. At most {@code capacity} are held: when the buffer is
 * full its rows go to the spill (inserted there and then, grouped by table) and it starts again,
 * so a huge tipset costs bounded memory. Spilled rows are not canonical before the height's
 * commit marker is written, like every row of an attempt. The rows left at the end travel with
 * the height's other results.
 */
final class RowBuffer {
    /** A table's spilled rows, in the order they came. */
    record Spill(String table, List<Row> rows) {
    }

    private final int capacity;
    private final Consumer<Spill> spill;
    private List<Row> held = new ArrayList<>();
    private long added;
    private int peak;

    RowBuffer(int capacity, Consumer<Spill> spill) {
        this.capacity = Math.max(1, capacity);
        this.spill = spill;
    }

    /** Holds every row: for callers that want a height's rows whole. */
    static RowBuffer unbounded() {
        return new RowBuffer(Integer.MAX_VALUE, s -> {
            throw new IllegalStateException("an unbounded buffer never spills");
        });
    }

    void add(Row row) {
        held.add(row);
        added++;
        peak = Math.max(peak, held.size());
        if (held.size() >= capacity) {
            List<Row> full = held;
            held = new ArrayList<>();
            Map<String, List<Row>> byTable = new LinkedHashMap<>();
            full.forEach(r -> byTable.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r));
            byTable.forEach((table, rows) -> spill.accept(new Spill(table, rows)));
        }
    }

    void addAll(Collection<? extends Row> rows) {
        rows.forEach(this::add);
    }

    /** A position to {@link #truncate} back to. */
    long mark() {
        return added;
    }

    /**
     * Drops the held rows added after {@code mark} (a retried StateCompute answer starts the
     * height's messages over). Rows already spilled stay written: the retried answer yields the
     * same rows with the same sort key and {@code indexed_at}, one row under FINAL.
     */
    void truncate(long mark) {
        int drop = (int) Math.min(held.size(), Math.max(0, added - mark));
        held.subList(held.size() - drop, held.size()).clear();
        added -= drop;
    }

    /** The rows held now. */
    List<Row> rows() {
        return held;
    }

    /** The most rows held at once. */
    int peak() {
        return peak;
    }
}
