package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import storage.rows.MessageRow;
import storage.rows.SubcallRow;

class ArchiveLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger BIG = new BigInteger("123456789012345678901234567890");

    @Test
    void writesDataAndNestedSubcallsUnderEveryIncludingBlock() throws Exception {
        MessageRow msg = new MessageRow(7, "b1,b2", "m1", 0, 0, 0, "f1abc", "f01", 100L, 1L, 3, BIG, 2, "Exec",
                "init", "gg==", "{\"a\":1}", 10, BIG, BIG, 0, "", "", 5, BIG, BIG, BIG, BIG, BIG, BIG, "", "", 2, 1, 0,
                "", List.of("b1", "b2"), 1700000000, "2026-01-01 00:00:00.000000");
        SubcallRow first = sub(1, 0, 1, "0");
        SubcallRow nested = sub(2, 1, 2, "0.0");
        ArchiveLayout layout = new ArchiveLayout(7, true);
        layout.message(msg, List.of(first, nested));

        Map<String, byte[]> entries = unzip(layout.files());
        assertThat(entries.keySet()).containsExactly("7/b1/m1/data.json",
                "7/b1/m1/sub_calls/m1.json", "7/b2/m1/data.json", "7/b2/m1/sub_calls/m1.json");
        JsonNode data = JSON.readTree(entries.get("7/b1/m1/data.json"));
        assertThat(data.path("value").asText()).isEqualTo(BIG.toString());
        assertThat(data.path("params_json").path("a").asInt()).isEqualTo(1);
        assertThat(data.path("return_json").isNull()).isTrue();
        assertThat(entries.get("7/b2/m1/data.json")).isEqualTo(entries.get("7/b1/m1/data.json"));
        JsonNode tree = JSON.readTree(entries.get("7/b1/m1/sub_calls/m1.json"));
        assertThat(tree.path("message_cid").asText()).isEqualTo("m1");
        JsonNode top = tree.path("subcalls").get(0);
        assertThat(top.path("idx").asInt()).isEqualTo(1);
        assertThat(top.has("height")).isFalse();
        assertThat(top.path("subcalls").get(0).path("call_path").asText()).isEqualTo("0.0");
        assertThat(top.path("subcalls").get(0).path("subcalls")).isEmpty();
    }

    @Test
    void implicitMessagesGoUnderImplicit() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(7, true);
        layout.message(implicitMessage("m2"), List.of());
        assertThat(unzip(layout.files()).keySet()).containsExactly("7/implicit/m2/data.json",
                "7/implicit/m2/sub_calls/m2.json");
    }

    @Test
    void aRetriedAnswerStartsTheArchiveOverAndAHeightWithoutMessagesHasNone() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(7, true);
        layout.message(implicitMessage("m2"), List.of());
        layout.reset();
        assertThat(layout.files()).isEmpty();
        layout.message(implicitMessage("m3"), List.of());
        assertThat(unzip(layout.files()).keySet()).containsExactly("7/implicit/m3/data.json",
                "7/implicit/m3/sub_calls/m3.json");
        assertThat(new ArchiveLayout(8, false).files()).isEmpty();
    }

    /** The one archive file of a height, {@code <height>.zip}, read with the JDK's ZIP reader: entry name to bytes. */
    private static Map<String, byte[]> unzip(List<ArchiveFile> files) throws Exception {
        assertThat(files).hasSize(1);
        assertThat(files.get(0).path()).isEqualTo("7.zip");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(files.get(0).content()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static MessageRow implicitMessage(String cid) {
        return new MessageRow(7, "b1", cid, 0, 1, 0, "f00", "f02", 0L, 2L, 7, BigInteger.ZERO, 2,
                "AwardBlockReward", "reward", "", "", 0, BigInteger.ZERO, BigInteger.ZERO, 0, "", "", 0,
                BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, "",
                "", 0, 1, 0, "", List.of(), 1700000000, "2026-01-01 00:00:00.000000");
    }

    private static SubcallRow sub(int idx, int parent, int depth, String path) {
        return new SubcallRow(7, "b1,b2", "m1", idx, parent, depth, path, "f01", "f0100", 1L, 100L, BIG, 1,
                "Constructor", "account", "", "", "[1]", 0, "", "", 0, 0, 0, 0, "2026-01-01 00:00:00.000000");
    }
}
