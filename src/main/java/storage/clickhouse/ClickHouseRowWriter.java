package storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import storage.rows.Row;
import storage.rows.RowJson;

/**
 * Inserts batches of rows into one table through the official client, one request per batch, as
 * a streamed JSONEachRow body (column names from the row records; UInt256 as decimal strings).
 */
public final class ClickHouseRowWriter {
    private final Client client;
    private final ObjectWriter json = RowJson.mapper().writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final long timeoutSeconds;

    public ClickHouseRowWriter(Client client, long timeoutSeconds) {
        this.client = client;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Writes {@code rows} (all of the same table) and returns once ClickHouse acknowledged them. */
    public void insert(String table, List<? extends Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (InsertResponse ignored = client.insert(table, out -> writeRows(out, rows), ClickHouseFormat.JSONEachRow,
                new InsertSettings()).get(timeoutSeconds, TimeUnit.SECONDS)) {
            // acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseWriteException(table, rows.size(), e);
        } catch (ExecutionException e) {
            throw new ClickHouseWriteException(table, rows.size(), e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw new ClickHouseWriteException(table, rows.size(), e);
        }
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
