package bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.clickhouse.client.api.query.GenericRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import storage.ClickHouseAccess;

/**
 * Whether the filflow instances (and their consumers) shared the backfill and indexed every height
 * exactly once. Three independent witnesses: each instance's own count of the heights it indexed
 * (metric {@code filflow_heights_indexed_total} on {@code /observe/metrics}; a height indexed twice
 * counts twice), the Kafka partitions each consumer was last given (its log), and what was
 * stored: the heights the API serves and, when the engines are shared, ClickHouse's tipsets and
 * processing reports under {@code FINAL}.
 */
final class WorkShare {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("^filflow_heights_indexed_total\\{.*status=\"([^\"]*)\".*\\} ([0-9.eE+]+)$");
    private static final Pattern ASSIGNED = Pattern.compile(
            "clientId=([^,\\]]+).*Adding newly assigned partitions: *(.*)$");

    private WorkShare() {
    }

    /**
     * Heights this instance finished, by status ({@code indexed}, {@code null_round}, {@code failed});
     * empty before its first height (the counter exists from then on), null without an answer.
     */
    static Map<String, Long> indexedByStatus(String metricsUrl) {
        Map<String, Long> byStatus = new TreeMap<>();
        HttpResponse<String> r = Processes.get(metricsUrl, Duration.ofSeconds(10));
        if (r == null || r.statusCode() != 200) {
            return null;
        }
        for (String line : r.body().split("\n")) {
            Matcher m = METRIC.matcher(line.trim());
            if (m.matches()) {
                byStatus.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
            }
        }
        return byStatus;
    }

    /** The partitions each Kafka consumer of this instance's log was given last (client id → partitions). */
    static Map<String, String> lastAssignments(Path log) {
        Map<String, String> last = new TreeMap<>();
        try (var lines = Files.lines(log)) {
            lines.forEach(line -> {
                Matcher m = ASSIGNED.matcher(line);
                if (m.find() && line.contains("groupId=filflow-indexer")) { // the heights consumers (the default group)
                    last.put(m.group(1), m.group(2).trim());
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // no log: nothing to say
        }
        return last;
    }

    /** The distinct heights of {@code from..to} that the API serves, and how many rows it listed for them. */
    record Served(TreeSet<Long> heights, long rows) {
    }

    static Served served(String api, long from, long to) throws IOException {
        TreeSet<Long> heights = new TreeSet<>();
        long rows = 0;
        String cursor = null;
        do {
            HttpResponse<String> r = Processes.get(api + "/tipsets?from=" + from + "&to=" + to + "&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor), Duration.ofSeconds(30));
            if (r == null || r.statusCode() != 200) {
                break;
            }
            JsonNode page = JSON.readTree(r.body());
            for (JsonNode item : page.path("items")) {
                heights.add(item.path("height").asLong());
                rows++;
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return new Served(heights, rows);
    }

    /**
     * Prints the check: each instance's share, the sum against the heights queued, and what was stored.
     * {@code instances}: name → (metrics URL, log file). Answers whether every height was indexed once.
     */
    static boolean report(PrintStream out, Map<String, String[]> instances, String api, long from, long to,
                          Map<String, String> engines) throws IOException {
        long queued = to - from + 1;
        out.printf("work shared (heights %d..%d, warm-up and measured, %d queued):%n", from, to, queued);
        long indexedTotal = 0;
        long failedTotal = 0;
        boolean everyInstanceWorked = true;
        for (Map.Entry<String, String[]> e : instances.entrySet()) {
            Map<String, Long> answer = indexedByStatus(e.getValue()[0]);
            Map<String, Long> byStatus = answer == null ? Map.of() : answer;
            long done = byStatus.getOrDefault("indexed", 0L) + byStatus.getOrDefault("null_round", 0L);
            indexedTotal += done;
            failedTotal += byStatus.getOrDefault("failed", 0L);
            everyInstanceWorked &= done > 0;
            out.printf("  %-10s indexed %d heights (metric filflow_heights_indexed_total: %s)%n", e.getKey(), done,
                    answer == null ? "no answer" : byStatus.isEmpty() ? "none yet" : byStatus);
            lastAssignments(Path.of(e.getValue()[1])).forEach((client, partitions) ->
                    out.printf("  %-10s   consumer %s last given %s%n", "", client, partitions.isEmpty() ? "no partition" : partitions));
        }
        Served served = served(api, from, to);
        out.printf("  all instances: %d heights indexed, %d failed; %s%n", indexedTotal, failedTotal,
                indexedTotal == queued ? "each height once" : indexedTotal > queued
                        ? (indexedTotal - queued) + " indexings more than heights queued (a height indexed twice)"
                        : (queued - indexedTotal) + " heights not indexed");
        out.printf("  API (tipsets FINAL): %d rows, %d distinct heights of %d%n", served.rows(), served.heights().size(), queued);
        boolean once = indexedTotal == queued && served.rows() == queued && served.heights().size() == queued;
        if (engines.containsKey("CLICKHOUSE_URL")) {
            once &= clickHouse(out, engines, from, to, queued);
        }
        if (instances.size() > 1) {
            out.printf("  shared: %s%n", everyInstanceWorked ? "yes, every instance indexed heights" : "NO, an instance indexed none");
        }
        out.printf("  every height indexed exactly once: %s%n", once ? "yes" : "NO");
        return once && (instances.size() == 1 || everyInstanceWorked);
    }

    /** The shared engines' ClickHouse: one tipsets row a height under FINAL, and a processing report each. */
    private static boolean clickHouse(PrintStream out, Map<String, String> engines, long from, long to, long queued) {
        try (ClickHouseAccess ch = ClickHouseAccess.open(engines.get("CLICKHOUSE_URL"), engines.get("CLICKHOUSE_USER"),
                engines.get("CLICKHOUSE_PASSWORD"), "default")) {
            String range = " WHERE height BETWEEN {from:UInt64} AND {to:UInt64}";
            Map<String, Object> params = Map.of("from", from, "to", to);
            GenericRecord t = ch.client().queryAll("SELECT count() AS n, uniqExact(height) AS h FROM tipsets FINAL" + range,
                    params).get(0);
            GenericRecord raw = ch.client().queryAll("SELECT count() AS n FROM tipsets" + range, params).get(0);
            Map<String, Long> reports = new LinkedHashMap<>();
            List<GenericRecord> rows = ch.client().queryAll(
                    "SELECT status, count() AS n FROM processing_reports FINAL" + range + " GROUP BY status ORDER BY status",
                    params);
            for (GenericRecord r : rows) {
                reports.put(r.getString("status"), r.getLong("n"));
            }
            out.printf("  ClickHouse: tipsets FINAL %d rows, %d distinct heights (%d rows before FINAL: a height"
                    + " indexed twice leaves two until a merge folds them); processing_reports FINAL %s%n",
                    t.getLong("n"), t.getLong("h"), raw.getLong("n"), reports);
            return t.getLong("n") == queued && t.getLong("h") == queued;
        } catch (RuntimeException e) {
            out.printf("  ClickHouse: not asked (%s)%n", e.getMessage());
            return false;
        }
    }
}
