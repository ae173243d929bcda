package jobs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The per-height bookkeeping in ClickHouse ({@code processing_reports}): every attempt's outcome is
 * a row, and a height's state is its latest row. A height is done when its latest report is not
 * {@code failed}; everything else in a range the jobs enqueued is a gap.
 */
public final class ProcessingReports {
    static final String TABLE = "processing_reports";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;
    /** Heights whose latest report is not a failure. */
    private static final String DONE = """
            SELECT height FROM processing_reports
            WHERE height BETWEEN {from:UInt64} AND {to:UInt64}
            GROUP BY height HAVING argMax(status, finished_at) != 'failed'""";

    private final Client client;

    public ProcessingReports(Client client) {
        this.client = client;
    }

    public void record(List<ProcessingReport> reports) {
        if (reports.isEmpty()) {
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(reports.size() * 256);
        try (JsonGenerator out = JSON.getFactory().createGenerator(body)) {
            for (ProcessingReport r : reports) {
                out.writeStartObject();
                out.writeNumberField("height", r.height());
                out.writeStringField("tipset_key", r.tipsetKey());
                out.writeStringField("status", r.status().sql());
                out.writeStringField("mode", r.mode());
                out.writeNumberField("attempt", r.attempt());
                out.writeStringField("started_at", TIME.format(r.startedAt()));
                out.writeStringField("finished_at", TIME.format(r.finishedAt()));
                out.writeNumberField("duration_ms", r.durationMs());
                out.writeNumberField("block_count", r.counts().getOrDefault("blocks", 0L));
                out.writeNumberField("message_count", r.counts().getOrDefault("messages", 0L));
                out.writeNumberField("subcall_count", r.counts().getOrDefault("subcalls", 0L));
                out.writeNumberField("event_count", r.counts().getOrDefault("events", 0L));
                out.writeNumberField("creation_count", r.counts().getOrDefault("creations", 0L));
                out.writeStringField("error", r.error() == null ? "" : r.error());
                out.writeEndObject();
                out.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode processing reports", e);
        }
        try {
            client.insert(TABLE, new ByteArrayInputStream(body.toByteArray()), ClickHouseFormat.JSONEachRow)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).close();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write processing reports: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing processing reports", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("ClickHouse did not take the processing reports in time", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write processing reports: " + e.getMessage(), e);
        }
    }

    /** Heights of the range without a successful latest report, ascending, at most {@code limit}. */
    public List<Long> gaps(HeightRange range, int limit) {
        List<Long> heights = new ArrayList<>();
        for (GenericRecord row : client.queryAll("""
                SELECT number AS height FROM numbers({from:UInt64}, {n:UInt64})
                WHERE number NOT IN (%s) ORDER BY number LIMIT {limit:UInt32}""".formatted(DONE),
                Map.of("from", range.from(), "to", range.to(), "n", range.size(), "limit", limit))) {
            heights.add(row.getLong("height"));
        }
        return heights;
    }

    /** Heights whose latest report is a failure, ascending, at most {@code limit}. */
    public List<Long> failed(int limit) {
        List<Long> heights = new ArrayList<>();
        for (GenericRecord row : client.queryAll("""
                SELECT height FROM processing_reports GROUP BY height
                HAVING argMax(status, finished_at) = 'failed' ORDER BY height LIMIT {limit:UInt32}""",
                Map.of("limit", limit))) {
            heights.add(row.getLong("height"));
        }
        return heights;
    }

    /** A height whose latest attempt failed, with its error and when (epoch seconds). */
    public record Failure(long height, String error, long at) {
    }

    /** The latest failed heights, newest failure first, at most {@code limit}. */
    public List<Failure> failures(int limit) {
        List<Failure> out = new ArrayList<>();
        for (GenericRecord row : client.queryAll("""
                SELECT height, argMax(error, finished_at) AS e, toUnixTimestamp(max(finished_at)) AS at
                FROM processing_reports GROUP BY height
                HAVING argMax(status, finished_at) = 'failed' ORDER BY at DESC, height LIMIT {limit:UInt32}""",
                Map.of("limit", limit))) {
            out.add(new Failure(row.getLong("height"), row.getString("e"), row.getLong("at")));
        }
        return out;
    }

    /** Heights indexed in one minute (epoch seconds of its start). */
    public record Minute(long minute, long heights) {
    }

    /** Heights indexed successfully per minute over the last {@code minutes} minutes, oldest first. */
    public List<Minute> throughput(int minutes) {
        List<Minute> out = new ArrayList<>();
        for (GenericRecord row : client.queryAll("""
                SELECT toUnixTimestamp(toStartOfMinute(finished_at)) AS minute, uniqExact(height) AS heights
                FROM processing_reports
                WHERE status != 'failed' AND finished_at >= now64(3) - toIntervalMinute({minutes:UInt32})
                GROUP BY minute ORDER BY minute""", Map.of("minutes", minutes))) {
            out.add(new Minute(row.getLong("minute"), row.getLong("heights")));
        }
        return out;
    }

    /**
     * A range's heights by their latest report: {@code done} (indexed or null round), {@code failed},
     * and {@code recentDone} of the done whose report is within the last {@code window}, which
     * spans {@code recentMillis} (less when the first of them is younger than the window).
     */
    public record RangeCounts(long done, long failed, long recentDone, long recentMillis) {
    }

    public RangeCounts rangeCounts(HeightRange range, Duration window) {
        GenericRecord row = client.queryAll("""
                SELECT countIf(s != 'failed') AS done, countIf(s = 'failed') AS failed,
                       countIf(s != 'failed' AND at >= now64(3) - toIntervalMillisecond({w:UInt64})) AS recent,
                       dateDiff('millisecond', greatest(minIf(at, s != 'failed'),
                                now64(3) - toIntervalMillisecond({w:UInt64})), now64(3)) AS span
                FROM (SELECT height, argMax(status, finished_at) AS s, max(finished_at) AS at
                      FROM processing_reports WHERE height BETWEEN {from:UInt64} AND {to:UInt64} GROUP BY height)""",
                Map.of("from", range.from(), "to", range.to(), "w", window.toMillis())).get(0);
        return new RangeCounts(row.getLong("done"), row.getLong("failed"), row.getLong("recent"),
                Math.max(0, row.getLong("span")));
    }

    /** Heights whose latest report failed within the last {@code window}. */
    public long failedWithin(Duration window) {
        return client.queryAll("""
                SELECT count() AS n FROM (
                    SELECT height, argMax(status, finished_at) AS s FROM processing_reports
                    WHERE height IN (SELECT height FROM processing_reports
                                     WHERE status = 'failed' AND finished_at >= now64(3) - toIntervalMillisecond({w:UInt64}))
                    GROUP BY height) WHERE s = 'failed'""", Map.of("w", window.toMillis())).get(0).getLong("n");
    }

    /** A summary for the status endpoint. */
    public record Summary(Optional<Long> indexedHeight, long failedHeights, String lastError, String mode) {
    }

    public Summary summary() {
        List<GenericRecord> rows = client.queryAll("""
                SELECT maxIf(height, s != 'failed') AS indexed,
                       countIf(s != 'failed') AS done,
                       countIf(s = 'failed') AS failed,
                       argMaxIf(e, at, s = 'failed') AS last_error,
                       argMaxIf(m, at, s != 'failed') AS mode
                FROM (SELECT height, argMax(status, finished_at) AS s, argMax(error, finished_at) AS e,
                             argMax(mode, finished_at) AS m, max(finished_at) AS at
                      FROM processing_reports GROUP BY height)""");
        GenericRecord row = rows.get(0);
        Optional<Long> indexed = row.getLong("done") == 0 ? Optional.empty() : Optional.of(row.getLong("indexed"));
        return new Summary(indexed, row.getLong("failed"), emptyToNull(row.getString("last_error")),
                emptyToNull(row.getString("mode")));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
