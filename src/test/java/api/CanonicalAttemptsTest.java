package api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import storage.ClickHouseAccess;

/**
 * Issue 14 item 6 through the API: rows an earlier indexing attempt of the same tipset wrote and the
 * latest attempt no longer yields (an event, a sub-call, a message) are not served, although they
 * share the height and the tipset key with the canonical rows. Such rows are written here as the
 * earlier attempt left them: same tipset, an {@code indexed_at} before the canonical attempt's.
 */
class CanonicalAttemptsTest {
    private static final long HEIGHT = 1_162_295;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ClickHouseAccess clickHouse;
    private static ApiServer api;
    private static String cid;

    @BeforeAll
    static void indexAndServe() throws Exception {
        clickHouse = IndexedFixtures.index("calibnet", List.of(HEIGHT), "api_canonical_attempts");
        api = ApiServer.start(Map.of("clickHouse", clickHouse), Map.of());
        cid = column("SELECT cid FROM canonical_messages WHERE height = ? AND implicit = 0 ORDER BY cid LIMIT 1");
        String earlier = "(SELECT indexed_at - toIntervalSecond(1) FROM tipsets FINAL WHERE height = " + HEIGHT + ")";
        String key = "(SELECT tipset_key FROM tipsets FINAL WHERE height = " + HEIGHT + ")";
        execute("INSERT INTO events (height, tipset_key, message_cid, idx, emitter, kind, entries, indexed_at)"
                + " SELECT " + HEIGHT + ", " + key + ", '" + cid + "', 99, 'f01', 'native', '[]', " + earlier);
        execute("INSERT INTO subcalls (height, tipset_key, message_cid, idx, parent_idx, depth, call_path, from_address,"
                + " to_address, method, indexed_at) SELECT " + HEIGHT + ", " + key + ", '" + cid
                + "', 999, 0, 1, '99', 'f01', 'f02', 0, " + earlier);
        execute("INSERT INTO messages (height, tipset_key, cid, position, from_address, to_address, indexed_at)"
                + " SELECT " + HEIGHT + ", " + key + ", 'bafy2bzaceformerattemptonly', 999, 'f01', 'f02', " + earlier);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aMessagesEventsAreThoseOfTheCanonicalAttempt() throws Exception {
        JsonNode events = get("/api/v1/messages/" + cid + "/events");
        List<Long> indexes = new ArrayList<>();
        events.path("items").forEach(e -> indexes.add(e.path("index").asLong()));
        assertThat(indexes).doesNotContain(99L);
    }

    @Test
    void aMessagesSubcallsAreThoseOfTheCanonicalAttempt() throws Exception {
        JsonNode calls = get("/api/v1/messages/" + cid + "/subcalls");
        assertThat(calls.toString()).doesNotContain("\"index\":999");
        assertThat(calls.path("subcallCount").asLong())
                .isEqualTo(Long.parseLong(column("SELECT toString(count()) FROM canonical_subcalls WHERE height = ?"
                        + " AND message_cid = '" + cid + "'")));
    }

    @Test
    void aHeightsMessagesAreThoseOfTheCanonicalAttempt() throws Exception {
        JsonNode page = get("/api/v1/messages?height=" + HEIGHT + "&limit=100");
        List<String> cids = new ArrayList<>();
        page.path("items").forEach(m -> cids.add(m.path("cid").asText()));
        assertThat(cids).isNotEmpty().doesNotContain("bafy2bzaceformerattemptonly");
    }

    @Test
    void aMethodsMessagesAreThoseOfTheCanonicalAttemptOnePageAtATime() throws Exception {
        // limit 1: one window holds only the former attempt's message, and paging goes on past it
        List<String> want = new RawFixtures("calibnet", HEIGHT).traces.stream()
                .filter(t -> t.at("/Msg/Method").asLong() == 0).map(RawFixtures::msgCid)
                .sorted(java.util.Comparator.reverseOrder()).toList();
        List<String> got = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/messages?method=0&limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("items").forEach(m -> got.add(m.path("cid").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        assertThat(got).isEqualTo(want);
    }

    @Test
    void anInstallIndexedBefore080IsUpgradedInPlace() throws Exception {
        // the state of an install indexed before 080: no method table, no view, 080 not recorded
        execute("DROP VIEW method_messages_writer");
        execute("DROP TABLE method_messages");
        execute("DELETE FROM schema_migrations WHERE version = '080'");
        assertThat(storage.MigrationRunner.migrate(clickHouse.dataSource(), storage.Engine.CLICKHOUSE))
                .containsExactly("080_method_messages.sql");
        // every executed message of the recording is listed under its method, plus the former attempt's row
        Map<Long, Long> want = new java.util.TreeMap<>();
        new RawFixtures("calibnet", HEIGHT).traces.forEach(t -> want.merge(t.at("/Msg/Method").asLong(), 1L, Long::sum));
        want.merge(0L, 1L, Long::sum);
        Map<Long, Long> got = new java.util.TreeMap<>();
        try (Connection c = clickHouse.dataSource().getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT method, count() FROM method_messages FINAL WHERE height = ? GROUP BY method")) {
            st.setLong(1, HEIGHT);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    got.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        assertThat(got).isEqualTo(want);
    }

    private static JsonNode get(String path) throws Exception {
        ApiServer.Answer a = api.get(path);
        assertThat(a.status()).as(path).isEqualTo(200);
        return JSON.readTree(a.body());
    }

    private static String column(String sql) throws Exception {
        try (Connection c = clickHouse.dataSource().getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, HEIGHT);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void execute(String sql) throws Exception {
        clickHouse.client().query(sql).get().close();
    }
}
