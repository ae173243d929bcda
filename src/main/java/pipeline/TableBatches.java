package pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import storage.rows.Row;
import storage.clickhouse.ClickHouseRowWriter;

/**
 * Per-table row batches of one index batch: a table's batch is inserted when it reaches its size,
 * and every batch is inserted by {@link #flushAll()} at the end. Inserts run on the caller's thread,
 * so a failed insert fails the caller (and so the heights of the batch) instead of getting lost.
 */
final class TableBatches {
    private final ClickHouseRowWriter writer;
    private final Map<String, List<Row>> pending = new LinkedHashMap<>();
    private long rowsWritten;
    private int inserts;

    TableBatches(ClickHouseRowWriter writer) {
        this.writer = writer;
    }

    synchronized void add(Row row, int batchSize) {
        List<Row> batch = pending.computeIfAbsent(row.table(), t -> new ArrayList<>());
        batch.add(row);
        if (batch.size() >= Math.max(1, batchSize)) {
            flush(row.table(), batch);
        }
    }

    /** Inserts {@code rows} of {@code table} now (a height's spilled rows). */
    synchronized void insert(String table, List<Row> rows) {
        flush(table, rows);
    }

    synchronized void flushAll() {
        for (Map.Entry<String, List<Row>> e : pending.entrySet()) {
            flush(e.getKey(), e.getValue());
        }
    }

    private void flush(String table, List<Row> batch) {
        if (batch.isEmpty()) {
            return;
        }
        writer.insert(table, batch);
        rowsWritten += batch.size();
        inserts++;
        batch.clear();
    }

    synchronized long rowsWritten() {
        return rowsWritten;
    }

    synchronized int inserts() {
        return inserts;
    }
}
