package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import history.StateVerifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import observe.Meters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;

/**
 * The state verification over an indexed calibnet recording against the replay node, which answers
 * {@code StateGetActor} from the states the 1.26+ trace recorded. Expected values come from the raw
 * trace: an actor's state at its first recorded call, when it sent no message before. Then stored
 * rows are corrupted and the verification must report each with both values.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StateVerificationTest {
    private static final long HEIGHT = 1576593;
    private static final String TOKEN = "verify-admin-token";
    private static final String BEARER = "Bearer " + TOKEN;
    private static ClickHouseAccess clickHouse;
    private static ReplayNode node;
    private static ApiServer server;
    private static final PrometheusMeterRegistry METERS = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** actor ID → {balance, nonce} at its first recorded call, for actors that sent nothing before it */
    private static final Map<Long, String[]> RECORDED = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        clickHouse = IndexedFixtures.index("calibnet", List.of(HEIGHT), "api_state_verification");
        node = ReplayNode.start(ReplayConfig.of(RawFixtures.LOTUS.resolve("calibnet")));
        LotusClient lotus = new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
        server = ApiServer.start(Map.of("clickHouse", clickHouse, "lotusClient", lotus, "meterRegistry", METERS),
                Map.of("admin.token", TOKEN));
        JsonNode traces;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                RawFixtures.LOTUS.resolve("calibnet").resolve("traces_" + HEIGHT + ".json.gz")))) {
            traces = ApiJson.MAPPER.readTree(in);
        }
        Set<Long> sent = new HashSet<>(); // senders and actors already seen
        for (JsonNode r : traces.path("Trace")) {
            // an explicit message's sender pays its escrow and bumps its nonce before any call
            String from = r.path("ExecutionTrace").path("Msg").path("From").asText();
            if (!from.equals("f00")) {
                sent.add(Long.parseLong(from.substring(2)));
            }
            collect(r.path("ExecutionTrace"), sent);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        node.close();
    }

    @Test
    @Order(1)
    void aSampledRunOverTheRecordedHeightFindsNoMismatch() throws Exception {
        JsonNode r = verify("{\"from\": " + HEIGHT + ", \"to\": " + HEIGHT + ", \"sample\": 1000}");
        assertThat(r.path("mismatches")).as(r.toString()).isEmpty();
        // the node proves the state of the actors the trace recorded untouched: those with a snapshot
        assertThat(r.path("checked").asInt()).as("pairs the replay node could answer").isEqualTo(snapshotActors().size())
                .isEqualTo(column("SELECT toString(count()) FROM balance_snapshots FINAL WHERE height = " + HEIGHT)
                        .stream().mapToInt(Integer::parseInt).sum()).isPositive();
        assertThat(r.path("matched").asInt()).isEqualTo(r.path("checked").asInt());
        assertThat(r.path("tipsetsChecked").asInt()).as("conservation of the one tipset").isEqualTo(1);
        // the reward actor's state before the tipset is not recorded (tips arrive without a call): said so
        assertThat(r.path("unverifiableCount").asInt()).isPositive();
        assertThat(r.path("sampled").asInt()).isEqualTo(r.path("checked").asInt() + r.path("unverifiableCount").asInt());
    }

    @Test
    @Order(2)
    void anActorsIndexedStateEqualsTheRecordedOne() throws Exception {
        long a = snapshotActors().get(0);
        JsonNode r = verify("{\"from\": " + HEIGHT + ", \"to\": " + HEIGHT + ", \"actors\": [\"f0" + a + "\"]}");
        assertThat(r.path("checked").asInt()).as(r.toString()).isEqualTo(1);
        assertThat(r.path("matched").asInt()).isEqualTo(1);
        assertThat(r.path("mismatches")).isEmpty();
    }

    @Test
    @Order(3)
    void aCorruptedSnapshotIsReportedWithBothValues() throws Exception {
        long a = snapshotActors().get(0);
        String[] truth = RECORDED.get(a);
        // the stored attempt's row corrupted: same key and attempt, inserted last (FINAL keeps it)
        execute("INSERT INTO balance_snapshots SELECT actor_id, height, tipset_key, balance + 1, nonce + 1,"
                + " indexed_at FROM balance_snapshots FINAL WHERE actor_id = " + a
                + " AND height = " + HEIGHT);
        JsonNode r = verify("{\"from\": " + HEIGHT + ", \"to\": " + HEIGHT + ", \"actors\": [\"f0" + a + "\"]}");
        assertThat(r.path("checked").asInt()).as(r.toString()).isEqualTo(1);
        assertThat(r.path("matched").asInt()).isZero();
        Map<String, JsonNode> byKind = byKind(r.path("mismatches"));
        assertThat(byKind.keySet()).containsExactlyInAnyOrder("balance", "nonce");
        assertThat(byKind.get("balance").path("actor").asText()).isEqualTo("f0" + a);
        assertThat(byKind.get("balance").path("height").asLong()).isEqualTo(HEIGHT);
        assertThat(byKind.get("balance").path("node").asText()).isEqualTo(truth[0]);
        assertThat(byKind.get("balance").path("indexed").asText()).isEqualTo(new BigInteger(truth[0]).add(BigInteger.ONE).toString());
        assertThat(byKind.get("nonce").path("node").asText()).isEqualTo(truth[1]);
        assertThat(byKind.get("nonce").path("indexed").asText()).isEqualTo(Long.toString(Long.parseLong(truth[1]) + 1));

        String run = r.path("runId").asText();
        assertThat(column("SELECT concat(kind, ' ', toString(actor_id), ' ', indexed_value, ' ', node_value)"
                + " FROM state_mismatches WHERE run_id = '" + run + "' ORDER BY kind")).containsExactly(
                "balance " + a + " " + new BigInteger(truth[0]).add(BigInteger.ONE) + " " + truth[0],
                "nonce " + a + " " + (Long.parseLong(truth[1]) + 1) + " " + truth[1]);
        assertThat(METERS.counter(Meters.VERIFY_MISMATCHES, "kind", "balance").count()).isGreaterThanOrEqualTo(1);
        assertThat(METERS.counter(Meters.VERIFY_CHECKS, "outcome", "mismatch").count()).isGreaterThanOrEqualTo(1);

        // what /api/v1/status shows under stateVerification (read back from the table)
        ExplorerApi api = new ExplorerApi(new ClickHouseRows(clickHouse::apiClient, 10_000),
                new ApiConfig(codec.address.Network.MAINNET, "", 10_000), () -> null);
        JsonNode summary = api.verifier().summary();
        assertThat(summary.path("recorded").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(summary.path("recent").findValuesAsText("runId")).contains(run);
    }

    @Test
    @Order(4)
    void aCorruptedDeltaBreaksConservationAndDrivesABalanceNegative() throws Exception {
        long a = snapshotActors().get(0);
        long b = column("SELECT toString(actor_id) FROM balance_changes FINAL WHERE height = " + HEIGHT
                + " AND actor_id IN (SELECT actor_id FROM balance_snapshots FINAL WHERE height = " + HEIGHT + ")"
                + " AND actor_id != " + a + " ORDER BY actor_id").stream().map(Long::parseLong)
                .filter(RECORDED::containsKey).findFirst().orElseThrow();
        BigInteger balance = new BigInteger(RECORDED.get(b)[0]);
        BigInteger stored = new BigInteger(column("SELECT toString(delta) FROM balance_changes FINAL WHERE actor_id = " + b
                + " AND height = " + HEIGHT).get(0));
        BigInteger wrong = balance.add(BigInteger.ONE).negate(); // leaves the balance after the tipset at -1
        execute("INSERT INTO balance_changes SELECT actor_id, height, tipset_key, toInt256('" + wrong + "'), nonce,"
                + " message_cids, complete, indexed_at FROM balance_changes FINAL"
                + " WHERE actor_id = " + b + " AND height = " + HEIGHT);
        JsonNode r = verify("{\"from\": " + HEIGHT + ", \"to\": " + HEIGHT + ", \"actors\": [\"f0" + b + "\"]}");
        Map<String, JsonNode> byKind = byKind(r.path("mismatches"));
        assertThat(byKind.keySet()).as(r.toString()).containsExactlyInAnyOrder("conservation", "negative");
        // the tipset conserved value before (first test): its sum is now the corruption's size
        assertThat(byKind.get("conservation").path("indexed").asText()).isEqualTo(wrong.subtract(stored).toString());
        assertThat(byKind.get("conservation").path("height").asLong()).isEqualTo(HEIGHT);
        assertThat(byKind.get("negative").path("actor").asText()).isEqualTo("f0" + b);
        assertThat(byKind.get("negative").path("indexed").asText()).isEqualTo("-1");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            <none>               | `{"from":1,"to":2}`                      | 401 | UNAUTHORIZED
            Bearer wrong         | `{"from":1,"to":2}`                      | 403 | FORBIDDEN
            Bearer verify-admin-token | `not json`                          | 400 | INVALID_BODY
            Bearer verify-admin-token | `{}`                                | 400 | INVALID_HEIGHT
            Bearer verify-admin-token | `{"from":1}`                        | 400 | INVALID_HEIGHT
            Bearer verify-admin-token | `{"from":5,"to":1}`                 | 400 | INVALID_RANGE
            Bearer verify-admin-token | `{"from":-1,"to":1}`                | 400 | INVALID_HEIGHT
            Bearer verify-admin-token | `{"from":1,"to":2,"sample":0}`      | 400 | INVALID_SAMPLE
            Bearer verify-admin-token | `{"from":1,"to":2,"sample":1001}`   | 400 | INVALID_SAMPLE
            Bearer verify-admin-token | `{"from":1,"to":2,"sample":"9"}`    | 400 | INVALID_SAMPLE
            Bearer verify-admin-token | `{"from":1,"to":2,"actors":"f01"}`  | 400 | INVALID_BODY
            Bearer verify-admin-token | `{"from":1,"to":2,"actors":[]}`     | 400 | INVALID_BODY
            Bearer verify-admin-token | `{"from":1,"to":2,"actors":[7]}`    | 400 | INVALID_ADDRESS
            Bearer verify-admin-token | `{"from":1,"to":2,"actors":["f1nope"]}` | 400 | INVALID_ADDRESS
            Bearer verify-admin-token | `{"from":1,"to":2,"actors":["f0999999999"]}` | 404 | NOT_FOUND
            Bearer verify-admin-token | `{"from":1,"to":2,"height":3}`      | 400 | INVALID_BODY
            """)
    void badRequestsAre4xxWithTheReason(String authorization, String body, int status, String code) throws Exception {
        ApiServer.Answer a = server.post("/api/v1/admin/verify", body, "<none>".equals(authorization) ? null : authorization);
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(ApiJson.MAPPER.readTree(a.body()).at("/error/code").asText()).isEqualTo(code);
    }

    private static JsonNode verify(String body) throws Exception {
        ApiServer.Answer a = server.post("/api/v1/admin/verify", body, BEARER);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return ApiJson.MAPPER.readTree(a.body());
    }

    /** Actors with a stored snapshot at the height whose recorded first state the test knows, ascending. */
    private static List<Long> snapshotActors() {
        List<Long> ids = column("SELECT toString(actor_id) FROM balance_snapshots FINAL WHERE height = " + HEIGHT
                + " ORDER BY actor_id").stream().map(Long::parseLong).filter(RECORDED::containsKey).toList();
        assertThat(ids).isNotEmpty();
        return ids;
    }

    private static Map<String, JsonNode> byKind(JsonNode mismatches) {
        Map<String, JsonNode> out = new HashMap<>();
        mismatches.forEach(m -> out.put(m.path("kind").asText(), m));
        return out;
    }

    private static List<String> column(String sql) {
        List<String> out = new java.util.ArrayList<>();
        clickHouse.client().queryAll(sql).forEach(r -> out.add(r.getString(1)));
        return out;
    }

    private static void execute(String sql) throws Exception {
        clickHouse.client().query(sql).get().close();
    }

    /** First recorded state of each actor, unless it had sent a message by then (the escrow changed it). */
    private static void collect(JsonNode call, Set<Long> seen) {
        JsonNode a = call.path("InvokedActor");
        long id = a.path("Id").asLong(-1);
        if (a.path("State").isObject() && !seen.contains(id) && id != 2 && id != 99) {
            RECORDED.put(id, new String[] {a.path("State").path("Balance").asText(), a.path("State").path("Nonce").asText()});
        }
        seen.add(id); // later recordings are not its parent state
        for (JsonNode s : call.path("Subcalls")) {
            collect(s, seen);
        }
    }
}
