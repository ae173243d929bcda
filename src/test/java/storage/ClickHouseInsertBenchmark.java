package storage;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Insert rate of 1M narrow rows into the embedded engine through the official client (RowBinary
 * and JSONEachRow, rows encoded while streaming), beside the engine's own
 * {@code INSERT ... SELECT FROM file()} of the same rows. Prints median of 3; asserts only counts.
 * Run: {@code mvn -o test -Dgroups=benchmark -DexcludedGroups= -Dtest=ClickHouseInsertBenchmark}
 */
@Tag("benchmark")
class ClickHouseInsertBenchmark {
    private static final int ROWS = 1_000_000;
    private static final int RUNS = 3;
    private static final String COLUMNS = "height UInt64, idx UInt32, value UInt64";

    @Test
    void insertRates() throws Exception {
        ClickHouseAccess access = SharedEngines.clickHouse("insert_benchmark");
        Client client = access.client();
        client.execute("CREATE TABLE narrow (" + COLUMNS + ") ENGINE = MergeTree ORDER BY (height, idx)").get().close();
        Path file = SharedEngines.newTempDir().resolve("rows.bin");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeRowBinary(out);
        }
        // warm-up: JIT, connection pool, engine caches
        insert(client, ClickHouseFormat.RowBinary, ClickHouseInsertBenchmark::writeRowBinary);

        List<Double> rowBinary = new ArrayList<>();
        List<Double> json = new ArrayList<>();
        List<Double> engine = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            rowBinary.add(timed(client, () -> insert(client, ClickHouseFormat.RowBinary, ClickHouseInsertBenchmark::writeRowBinary)));
            json.add(timed(client, () -> insert(client, ClickHouseFormat.JSONEachRow, ClickHouseInsertBenchmark::writeJson)));
            engine.add(timed(client, () -> client.execute("INSERT INTO narrow SELECT * FROM file('" + file
                    + "', 'RowBinary', '" + COLUMNS + "')").get().close()));
        }

        System.out.printf("%nClickHouse insert, %,d narrow rows (%s), embedded chDB via %s%n", ROWS, COLUMNS, access.url());
        System.out.printf("  client RowBinary        %,12.0f rows/s  (median of %d: %s)%n", median(rowBinary), RUNS, rowBinary);
        System.out.printf("  client JSONEachRow      %,12.0f rows/s  (median of %d: %s)%n", median(json), RUNS, json);
        System.out.printf("  engine INSERT..SELECT FROM file() %,6.0f rows/s  (median of %d: %s)%n", median(engine), RUNS, engine);
        System.out.printf("  machine: %d cores, max heap %d MiB, java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Rows per second of one insert of ROWS rows into an emptied table; checks the count. */
    private static double timed(Client client, Action action) throws Exception {
        client.execute("TRUNCATE TABLE narrow").get().close();
        long start = System.nanoTime();
        action.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long count = client.queryAll("SELECT count() AS c FROM narrow").get(0).getLong("c");
        assertThat(count).isEqualTo(ROWS);
        return Math.round(ROWS / seconds);
    }

    private static void insert(Client client, ClickHouseFormat format, RowWriter writer) throws Exception {
        try (InsertResponse response = client.insert("narrow", out -> writer.write(out), format, new InsertSettings())
                .get(5, TimeUnit.MINUTES)) {
            assertThat(response.getWrittenRows()).isEqualTo(ROWS);
        }
    }

    private interface RowWriter {
        void write(OutputStream out) throws IOException;
    }

    private static void writeRowBinary(OutputStream out) throws IOException {
        byte[] row = new byte[20];
        for (int i = 0; i < ROWS; i++) {
            putLong(row, 0, 3_000_000L + i / 100);
            putInt(row, 8, i % 100);
            putLong(row, 12, (long) i * 1_000_003L);
            out.write(row);
        }
    }

    private static void writeJson(OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < ROWS; i++) {
            line.setLength(0);
            line.append("{\"height\":").append(3_000_000L + i / 100).append(",\"idx\":").append(i % 100)
                    .append(",\"value\":").append((long) i * 1_000_003L).append("}\n");
            out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void putLong(byte[] buffer, int offset, long value) {
        for (int b = 0; b < 8; b++) {
            buffer[offset + b] = (byte) (value >>> (8 * b));
        }
    }

    private static void putInt(byte[] buffer, int offset, int value) {
        for (int b = 0; b < 4; b++) {
            buffer[offset + b] = (byte) (value >>> (8 * b));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
