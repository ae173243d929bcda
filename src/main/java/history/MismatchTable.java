package history;

import api.ApiException;
import api.SqlRows;
import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The {@code state_mismatches} table: every mismatch a verification run found, kept for {@code /api/v1/status}. */
public final class MismatchTable {
    static final String TABLE = "state_mismatches";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final Supplier<Client> client;
    private final SqlRows rows;

    public MismatchTable(Supplier<Client> client, SqlRows rows) {
        this.client = client;
        this.rows = rows;
    }

    void record(String runId, List<StateVerifier.Mismatch> mismatches, Instant at) {
        if (mismatches.isEmpty()) {
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(mismatches.size() * 200);
        try (JsonGenerator out = JSON.getFactory().createGenerator(body)) {
            for (StateVerifier.Mismatch m : mismatches) {
                out.writeStartObject();
                out.writeStringField("run_id", runId);
                out.writeNumberField("actor_id", m.actorId());
                out.writeNumberField("height", m.height());
                out.writeStringField("kind", m.kind());
                out.writeStringField("indexed_value", m.indexed());
                out.writeStringField("node_value", m.node());
                out.writeStringField("checked_at", TIME.format(at));
                out.writeEndObject();
                out.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode state mismatches", e);
        }
        Client writer = client.get();
        if (writer == null) {
            throw ApiException.unavailable("ClickHouse is not configured: cannot record state mismatches");
        }
        try {
            writer.insert(TABLE, new ByteArrayInputStream(body.toByteArray()), ClickHouseFormat.JSONEachRow)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted writing state mismatches");
        } catch (Exception e) {
            throw ApiException.unavailable("cannot write state mismatches: " + e.getMessage());
        }
    }

    /** How many mismatches are recorded, and the latest {@code limit} of them, newest first. */
    ObjectNode summary(int limit) {
        ObjectNode out = JSON.createObjectNode();
        out.put("recorded", rows.first("SELECT count() AS n FROM state_mismatches", Map.of())
                .map(r -> r.path("n").asLong()).orElse(0L));
        var recent = out.putArray("recent");
        for (ObjectNode r : rows.query("SELECT run_id, actor_id, height, kind, indexed_value, node_value,"
                + " toString(checked_at) AS at FROM state_mismatches ORDER BY checked_at DESC, height, actor_id"
                + " LIMIT {n:UInt32}", Map.of("n", limit))) {
            ObjectNode m = recent.addObject();
            m.put("runId", r.path("run_id").asText());
            m.put("kind", r.path("kind").asText());
            if (!StateVerifier.CONSERVATION.equals(r.path("kind").asText())) {
                m.put("actor", "f0" + r.path("actor_id").asText());
            }
            m.put("height", r.path("height").asLong());
            m.put("indexed", r.path("indexed_value").asText());
            m.put("node", r.path("node_value").asText());
            m.put("at", r.path("at").asText());
        }
        return out;
    }
}
