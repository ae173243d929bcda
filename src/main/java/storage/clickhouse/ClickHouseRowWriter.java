package storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import storage.rows.Row;
import storage.rows.RowJson;
import observe.Meters;

/**
 * Inserts batches of rows into one table through the official client, one request per batch, as
 * a streamed body: RowBinaryWithNames encoded for the table's column types (read once per table
 * from {@code system.columns}), or JSONEachRow (column names from the row records; UInt256 as
 * decimal strings) for a table whose columns {@link RowBinaryTable} cannot encode. Both fill the
 * same columns with the same values; binary costs a fraction of the CPU on both sides. Meters:
 * rows acknowledged per table ({@link Meters#ROWS_INSERTED}) and each insert's time
 * ({@link Meters#INSERT}, outcome ok or failed).
 */
public final class ClickHouseRowWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseRowWriter.class);

    private final Client client;
    private final ObjectWriter json = RowJson.mapper().writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final long timeoutSeconds;
    private final boolean rowBinary;
    private final Map<Class<?>, Map<String, Optional<RowBinaryTable>>> encodings = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    /** A writer that inserts in RowBinary wherever the table's types allow, without meters. */
    public ClickHouseRowWriter(Client client, long timeoutSeconds) {
        this(client, timeoutSeconds, true);
    }

    /** @param rowBinary false: every insert in JSONEachRow */
    public ClickHouseRowWriter(Client client, long timeoutSeconds, boolean rowBinary) {
        this(client, timeoutSeconds, rowBinary, new CompositeMeterRegistry());
    }

    /** RowBinary wherever possible, metered into {@code meters}. */
    public ClickHouseRowWriter(Client client, long timeoutSeconds, MeterRegistry meters) {
        this(client, timeoutSeconds, true, meters);
    }

    /** @param meters null: without meters (a context that binds no {@code meterRegistry}, as test harnesses) */
    public ClickHouseRowWriter(Client client, long timeoutSeconds, boolean rowBinary, MeterRegistry meters) {
        this.client = client;
        this.timeoutSeconds = timeoutSeconds;
        this.rowBinary = rowBinary;
        this.meters = meters == null ? new CompositeMeterRegistry() : meters;
    }

    /** The client the rows go through (for the reads a writer's caller makes before it commits). */
    public Client client() {
        return client;
    }

    /** Writes {@code rows} (all of the same table) and returns once ClickHouse acknowledged them. */
    public void insert(String table, List<? extends Row> rows) {
        insert(table, rows, timeoutSeconds);
    }

    /**
     * The sink of Kamelet {@code clickhouse-rows-sink}: writes rows of {@code table} in inserts of at
     * most {@code batchSize} rows, each acknowledged within {@code timeoutSeconds}, and returns once
     * all are. A failed insert throws; the inserts before it stay written, which is safe because
     * rows become visible only through their height's commit marker (docs/STORAGE.md).
     */
    public void insertBatches(String table, List<? extends Row> rows, int batchSize, long timeoutSeconds) {
        for (Row row : rows) {
            if (!table.equals(row.table())) {
                throw new IllegalArgumentException("a row of table " + row.table() + " was sent to the sink of " + table);
            }
        }
        int size = Math.max(1, batchSize);
        for (int from = 0; from < rows.size(); from += size) {
            insert(table, rows.subList(from, Math.min(rows.size(), from + size)), timeoutSeconds);
        }
    }

    private void insert(String table, List<? extends Row> rows, long timeoutSeconds) {
        if (rows.isEmpty()) {
            return;
        }
        Optional<RowBinaryTable> binary = rowBinary && oneClass(rows) ? encoding(table, rows.get(0).getClass())
                : Optional.empty();
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try (InsertResponse ignored = (binary.isPresent()
                ? client.insert(table, out -> binary.get().write(out, rows), ClickHouseFormat.RowBinaryWithNames,
                        new InsertSettings())
                : client.insert(table, out -> writeRows(out, rows), ClickHouseFormat.JSONEachRow, new InsertSettings()))
                .get(timeoutSeconds, TimeUnit.SECONDS)) {
            outcome = "ok";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseWriteException(table, rows.size(), e);
        } catch (ExecutionException e) {
            throw new ClickHouseWriteException(table, rows.size(), e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw new ClickHouseWriteException(table, rows.size(), e);
        } finally {
            sample.stop(Meters.latency(Meters.INSERT, "one ClickHouse insert of a batch of rows")
                    .tag("table", table).tag("outcome", outcome).register(meters));
        }
        Counter.builder(Meters.ROWS_INSERTED).description("rows ClickHouse acknowledged").tag("table", table)
                .register(meters).increment(rows.size());
    }

    /** The format rows of {@code rowClass} go into {@code table} in: RowBinaryWithNames or JSONEachRow. */
    public ClickHouseFormat format(String table, Class<? extends Row> rowClass) {
        return rowBinary && encoding(table, rowClass).isPresent() ? ClickHouseFormat.RowBinaryWithNames
                : ClickHouseFormat.JSONEachRow;
    }

    private static boolean oneClass(List<? extends Row> rows) {
        Class<?> first = rows.get(0).getClass();
        for (Row row : rows) {
            if (row.getClass() != first) {
                return false;
            }
        }
        return true;
    }

    /** One JSON object a line, through one generator for the whole body. */
    private void writeRows(OutputStream out, List<? extends Row> rows) throws IOException {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.setRootValueSeparator(new SerializedString("\n"));
            for (Row row : rows) {
                json.writeValue(g, row);
            }
        }
    }

    /** How rows of {@code rowClass} go into {@code table} in RowBinary, found once (the schema is migrated at start). */
    private Optional<RowBinaryTable> encoding(String table, Class<?> rowClass) {
        return encodings.computeIfAbsent(rowClass, c -> new ConcurrentHashMap<>()).computeIfAbsent(table, t -> {
            Map<String, RowBinaryType.Column> columns = new HashMap<>();
            for (GenericRecord c : client.queryAll("SELECT name, type, default_kind FROM system.columns"
                    + " WHERE database = currentDatabase() AND table = {table:String}", Map.of("table", t))) {
                columns.put(c.getString("name"), new RowBinaryType.Column(c.getString("type"),
                        !c.getString("default_kind").isEmpty()));
            }
            StringBuilder why = new StringBuilder();
            @SuppressWarnings("unchecked")
            Optional<RowBinaryTable> encoding = RowBinaryTable.of((Class<? extends Row>) rowClass, columns, why);
            if (encoding.isEmpty()) {
                LOG.info("rows of {} go into {} as JSONEachRow: {}", rowClass.getSimpleName(), t, why);
            }
            return encoding;
        });
    }

    /** An insert failed; nothing of the batch may be assumed written. */
    public static final class ClickHouseWriteException extends RuntimeException {
        ClickHouseWriteException(String table, int rows, Throwable cause) {
            super("inserting " + rows + " rows into " + table + " failed: "
                    + (cause == null ? "unknown" : cause.getMessage()), cause);
        }
    }
}
