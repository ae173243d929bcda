package api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import history.StateVerifier;
import jobs.IndexingJobs;
import jobs.IndexingStatus;
import jobs.Submission;

/** {@code GET /status} and {@code POST /admin/index} over the indexing jobs; {@code POST /admin/verify} over the state verification. */
public final class Operations {
    private static final int MAX_BODY = 256 * 1024;
    private static final int DEFAULT_SAMPLE = 100;
    static final Duration STATUS_FRESHNESS = Duration.ofSeconds(1);

    private final Supplier<IndexingJobs> jobs;
    private final String adminToken;
    private final StateVerifier verifier;
    private final ActorDirectory actors;
    private final Cache<Boolean, ObjectNode> statusCache = Caffeine.newBuilder()
            .expireAfterWrite(STATUS_FRESHNESS).maximumSize(1).build();

    public Operations(Supplier<IndexingJobs> jobs, String adminToken, StateVerifier verifier, ActorDirectory actors) {
        this.jobs = jobs;
        this.adminToken = adminToken == null ? "" : adminToken;
        this.verifier = verifier;
        this.actors = actors;
    }

    /**
     * The status reads every processing report: a burst of requests shares one computation, and
     * an answer is reused for up to {@link #STATUS_FRESHNESS} (failures are not kept).
     */
    public ObjectNode status() {
        return statusCache.get(Boolean.TRUE, k -> computeStatus()).deepCopy();
    }

    private ObjectNode computeStatus() {
        IndexingStatus s = call(() -> jobs().status());
        ObjectNode out = ApiJson.object();
        putNullable(out, "head", s.head());
        putNullable(out, "indexedHeight", s.indexedHeight());
        putNullable(out, "lag", s.lag());
        out.put("confidence", s.confidence());
        out.put("gaps", s.gaps());
        if (s.lastError() == null) {
            out.putNull("lastError");
        } else {
            out.put("lastError", s.lastError());
        }
        out.put("mode", s.mode() == null ? "full" : s.mode());
        IndexingJobs.Progress p = call(() -> jobs().progress());
        ArrayNode walks = out.putArray("walks");
        p.walks().forEach(w -> {
            ObjectNode walk = walks.addObject().put("id", w.id()).put("from", w.from()).put("to", w.to())
                    .put("next", w.next()).put("finished", w.finished())
                    .put("done", w.done()).put("failed", w.failed())
                    .put("rate", Math.round(w.ratePerSecond() * 100) / 100.0);
            if (w.etaSeconds() == null) {
                walk.putNull("etaSeconds");
            } else {
                walk.put("etaSeconds", w.etaSeconds());
            }
        });
        ArrayNode failures = out.putArray("failures");
        p.failures().forEach(f -> failures.addObject().put("height", f.height()).put("error", f.error())
                .put("at", Instant.ofEpochSecond(f.at()).toString()));
        ArrayNode throughput = out.putArray("throughput");
        p.throughput().forEach(m -> throughput.addObject()
                .put("minute", Instant.ofEpochSecond(m.minute()).toString()).put("heights", m.heights()));
        out.set("stateVerification", verifying(verifier::summary));
        return out;
    }

    /**
     * Runs the state verification now over {@code {from, to, sample, actors}} (actors: addresses,
     * optional) and answers its report (docs/HISTORY.md).
     */
    public ObjectNode verify(String authorization, String body) {
        authorize(authorization);
        JsonNode request = parse(body);
        for (var names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("from", "to", "sample", "actors").contains(name)) {
                throw ApiException.badRequest("INVALID_BODY", "unknown field '" + RequestParams.shorten(name)
                        + "': give from, to, and optionally sample and actors");
            }
        }
        long from = height(request.get("from"), "from");
        long to = height(request.get("to"), "to");
        if (to < from) {
            throw ApiException.badRequest("INVALID_RANGE", "from must not be greater than to");
        }
        int sample = sample(request.get("sample"));
        List<Long> ids = actorIds(request.get("actors"));
        return report(verifying(() -> verifier.verify(new StateVerifier.Request(from, to, ids, sample))));
    }

    private static int sample(JsonNode n) {
        if (n == null) {
            return DEFAULT_SAMPLE;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1 || n.asInt() > StateVerifier.MAX_SAMPLE) {
            throw ApiException.badRequest("INVALID_SAMPLE", "sample must be an integer from 1 to " + StateVerifier.MAX_SAMPLE);
        }
        return n.asInt();
    }

    private List<Long> actorIds(JsonNode list) {
        if (list == null) {
            return List.of();
        }
        if (!list.isArray() || list.isEmpty() || list.size() > StateVerifier.MAX_ACTORS) {
            throw ApiException.badRequest("INVALID_BODY", "actors must be a list of 1 to " + StateVerifier.MAX_ACTORS + " addresses");
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode a : list) {
            if (!a.isTextual()) {
                throw ApiException.badRequest("INVALID_ADDRESS", "actors[] must be address strings");
            }
            codec.address.Address address;
            try {
                address = AddressInput.parse(a.asText()).address();
            } catch (codec.address.AddressException e) {
                throw ApiException.badRequest("INVALID_ADDRESS", RequestParams.shorten(a.asText()) + ": " + e.getMessage());
            }
            // an ID address resolves by itself: the actor must also be one the index has seen
            long id = actors.resolveId(address).filter(i -> actors.find(codec.address.Address.id(i)).isPresent())
                    .orElseThrow(() -> ApiException.notFound("address " + RequestParams.shorten(a.asText())
                            + " is not known to the index"));
            out.add(id);
        }
        return out;
    }

    private static ObjectNode report(StateVerifier.Report r) {
        ObjectNode out = ApiJson.object();
        out.put("runId", r.runId()).put("from", r.from()).put("to", r.to()).put("sampled", r.sampled())
                .put("checked", r.checked()).put("matched", r.matched()).put("tipsetsChecked", r.tipsetsChecked());
        ArrayNode mismatches = out.putArray("mismatches");
        for (StateVerifier.Mismatch m : r.mismatches()) {
            ObjectNode o = mismatches.addObject().put("kind", m.kind());
            if (m.actorId() != 0 || !"conservation".equals(m.kind())) {
                o.put("actor", "f0" + m.actorId());
            }
            o.put("height", m.height()).put("indexed", m.indexed()).put("node", m.node());
        }
        out.put("unverifiableCount", r.unverifiableCount());
        ArrayNode unverifiable = out.putArray("unverifiable");
        r.unverifiable().forEach(u -> unverifiable.addObject().put("actor", "f0" + u.actorId()).put("height", u.height())
                .put("reason", u.reason()));
        out.put("startedAt", r.startedAt().toString()).put("finishedAt", r.finishedAt().toString());
        return out;
    }

    /** Queues {@code {heights: [...]}} or {@code {from, to}}; answers 202 once queued. */
    public ApiResponse index(String authorization, String body) {
        authorize(authorization);
        JsonNode request = parse(body);
        boolean hasList = request.has("heights");
        boolean hasRange = request.has("from") || request.has("to");
        if (hasList == hasRange) {
            throw ApiException.badRequest("INVALID_BODY", "give either {\"heights\": [...]} or {\"from\": h, \"to\": h}");
        }
        Submission s;
        if (hasList) {
            List<Long> heights = heights(request.get("heights"));
            s = call(() -> jobs().submitHeights(heights));
        } else {
            long from = height(request.get("from"), "from");
            long to = height(request.get("to"), "to");
            if (to < from) {
                throw ApiException.badRequest("INVALID_RANGE", "from must not be greater than to");
            }
            s = call(() -> jobs().submitRange(from, to));
        }
        ObjectNode out = ApiJson.object().put("queued", true).put("job", s.job()).put("heights", s.heights());
        if (s.walkId() != null) {
            out.put("walkId", s.walkId());
        }
        return new ApiResponse(202, out);
    }

    private void authorize(String authorization) {
        if (adminToken.isBlank()) {
            throw new ApiException(403, "ADMIN_DISABLED", "the admin API is disabled: set ADMIN_TOKEN to enable it");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "UNAUTHORIZED", "send the admin token as 'Authorization: Bearer <token>'");
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, adminToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "FORBIDDEN", "the admin token is not valid");
        }
    }

    private static JsonNode parse(String body) {
        if (body.length() > MAX_BODY) {
            throw ApiException.badRequest("INVALID_BODY", "the request body is larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode n = ApiJson.MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw ApiException.badRequest("INVALID_BODY", "the request body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("INVALID_BODY", "the request body is not JSON: " + RequestParams.shorten(e.getOriginalMessage()));
        }
    }

    private static List<Long> heights(JsonNode list) {
        if (!list.isArray() || list.isEmpty() || list.size() > IndexingJobs.MAX_LISTED_HEIGHTS) {
            throw ApiException.badRequest("INVALID_BODY",
                    "heights must be a list of 1 to " + IndexingJobs.MAX_LISTED_HEIGHTS + " heights; use from/to for more");
        }
        List<Long> out = new ArrayList<>(list.size());
        for (JsonNode h : list) {
            out.add(height(h, "heights[]"));
        }
        return out;
    }

    private static long height(JsonNode n, String name) {
        if (n == null || !(n.isIntegralNumber() || n.isTextual())) {
            throw ApiException.badRequest("INVALID_HEIGHT", name + " must be a non-negative integer");
        }
        return RequestParams.height(name, n.asText());
    }

    private IndexingJobs jobs() {
        IndexingJobs j = jobs.get();
        if (j == null) {
            throw ApiException.unavailable("the indexing jobs are not running in this instance");
        }
        return j;
    }

    /** The jobs reach Kafka, PostgreSQL and ClickHouse: their failures mean a dependency is down. */
    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_BODY", e.getMessage());
        } catch (RuntimeException e) {
            throw ApiException.unavailable("indexing is unavailable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + RequestParams.shorten(e.getMessage())));
        }
    }

    /** The verification reaches ClickHouse and the node: their outages are 503s; a query ClickHouse rejects is a bug (500). */
    private static <T> T verifying(Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ApiException.unavailable("state verification is unavailable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + RequestParams.shorten(e.getMessage())));
        }
    }

    private static void putNullable(ObjectNode out, String field, Long value) {
        if (value == null) {
            out.putNull(field);
        } else {
            out.put(field, value);
        }
    }
}
