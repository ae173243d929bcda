package storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import storage.rows.Row;
import storage.rows.RowJson;
import observe.Meters;

/**
 * Inserts batches of rows into one table through the official client, one request per batch, as
 * a streamed JSONEachRow body (column names from the row records; UInt256 as decimal strings).
 * Meters: rows acknowledged per table ({@link Meters#ROWS_INSERTED}) and each insert's time
 * ({@link Meters#INSERT}, outcome ok or failed).
 */
public final class ClickHouseRowWriter {
    private final Client client;
    private final ObjectWriter json = RowJson.mapper().writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final long timeoutSeconds;
    private final MeterRegistry meters;

    /** Without meters (tools and tests). */
    public ClickHouseRowWriter(Client client, long timeoutSeconds) {
        this(client, timeoutSeconds, new CompositeMeterRegistry());
    }

    public ClickHouseRowWriter(Client client, long timeoutSeconds, MeterRegistry meters) {
        this.client = client;
        this.timeoutSeconds = timeoutSeconds;
        this.meters = meters;
    }

    /** Writes {@code rows} (all of the same table) and returns once ClickHouse acknowledged them. */
    public void insert(String table, List<? extends Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try (InsertResponse ignored = client.insert(table, out -> writeRows(out, rows), ClickHouseFormat.JSONEachRow,
                new InsertSettings()).get(timeoutSeconds, TimeUnit.SECONDS)) {
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

    private void writeRows(OutputStream out, List<? extends Row> rows) throws IOException {
        for (Row row : rows) {
            json.writeValue(out, row);
            out.write('\n');
        }
    }

    /** An insert failed; nothing of the batch may be assumed written. */
    public static final class ClickHouseWriteException extends RuntimeException {
        ClickHouseWriteException(String table, int rows, Throwable cause) {
            super("inserting " + rows + " rows into " + table + " failed: "
                    + (cause == null ? "unknown" : cause.getMessage()), cause);
        }
    }
}
