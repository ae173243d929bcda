package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import archive.FileArchiveStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storage.rows.MessageRow;
import storage.rows.SubcallRow;

class ArchiveLayoutTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger BIG = new BigInteger("123456789012345678901234567890");

    @Test
    void writesDataAndNestedSubcallsUnderEveryIncludingBlock() throws Exception {
        MessageRow msg = new MessageRow(7, "b1,b2", "m1", 0, 0, 0, "f1abc", "f01", 100L, 1L, 3, BIG, 2, "Exec",
                "init", "gg==", "{\"a\":1}", 10, BIG, BIG, 0, "", "", 5, BIG, BIG, BIG, BIG, BIG, BIG, "", "", 2, 1, 0,
                "", List.of("b1", "b2"), 1700000000, "2026-01-01 00:00:00.000000");
        SubcallRow first = sub(1, 0, 1, "0");
        SubcallRow nested = sub(2, 1, 2, "0.0");
        ArchiveLayout layout = new ArchiveLayout(7, new FileArchiveStore(dir));
        layout.message(msg, List.of(first, nested));

        assertThat(layout.finish()).isTrue();
        Map<String, byte[]> entries = unzip();
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
        ArchiveLayout layout = new ArchiveLayout(7, new FileArchiveStore(dir));
        layout.message(implicitMessage("m2"), List.of());
        assertThat(layout.finish()).isTrue();
        assertThat(unzip().keySet()).containsExactly("7/implicit/m2/data.json",
                "7/implicit/m2/sub_calls/m2.json");
    }

    @Test
    void aRetriedAnswerStartsTheArchiveOverAndAHeightWithoutMessagesHasNone() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(7, new FileArchiveStore(dir));
        layout.message(implicitMessage("m2"), List.of());
        layout.reset();
        assertThat(incoming()).as("the abandoned file is discarded").isEmpty();
        layout.message(implicitMessage("m3"), List.of());
        assertThat(layout.finish()).isTrue();
        assertThat(unzip().keySet()).containsExactly("7/implicit/m3/data.json",
                "7/implicit/m3/sub_calls/m3.json");
        ArchiveLayout empty = new ArchiveLayout(8, new FileArchiveStore(dir));
        assertThat(empty.finish()).isFalse();
        assertThat(dir.resolve("8.zip")).doesNotExist();
        assertThat(new ArchiveLayout(9, null).finish()).isFalse();
    }

    /**
     * The archive goes to the disk as messages arrive: while a height's messages stream in, what
     * the temp file lacks of the compressed bytes so far stays below the store's 64 KiB buffer
     * plus the compressor's window, however many messages the height has. (Held in memory, the
     * temp file would stay empty until the end.)
     */
    @Test
    void aHeightsArchiveIsStreamedToDiskNotHeldInMemory() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(7, new FileArchiveStore(dir));
        java.util.Random random = new java.util.Random(7);
        long written = 0;
        long previous = 0;
        for (int i = 0; i < 4000; i++) {
            // random params: incompressible, so the compressed size follows the bytes given
            byte[] params = new byte[600];
            random.nextBytes(params);
            MessageRow m = message("m" + i, java.util.Base64.getEncoder().encodeToString(params));
            layout.message(m, List.of());
            written += params.length; // random bytes: no compression makes them smaller
            if (i % 500 == 499) {
                List<Path> temp = incoming();
                assertThat(temp).hasSize(1);
                long onDisk = Files.size(temp.get(0));
                assertThat(onDisk).as("bytes on disk after %d messages", i + 1).isGreaterThan(previous)
                        .isGreaterThan(written - 64 * 1024 - 64 * 1024);
                previous = onDisk;
            }
        }
        assertThat(layout.finish()).isTrue();
        assertThat(incoming()).isEmpty();
        assertThat(unzip()).hasSize(8000);
    }

    /**
     * Every compression choice writes the same entries with the same bytes, as a standard ZIP
     * entry method, so the JDK's streaming reader and its central-directory reader (and
     * {@code unzip}) read files of any choice, written before or after a change of the setting.
     */
    @Test
    void everyCompressionWritesTheSameEntriesReadableByAnyZipReader() throws Exception {
        Map<String, Map<String, byte[]>> byChoice = new LinkedHashMap<>();
        for (String choice : List.of("deflate-1", "stored", "huffman", "deflate-9")) {
            ArchiveCompression compression = ArchiveCompression.parse(choice);
            ArchiveLayout layout = new ArchiveLayout(7, new FileArchiveStore(dir), compression);
            for (int i = 0; i < 20; i++) {
                layout.message(message("m" + i, "gg" + "A".repeat(i * 40) + "=="), List.of(sub(1, 0, 1, "0")));
            }
            assertThat(layout.finish()).isTrue();
            Map<String, byte[]> entries = unzip();
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(dir.resolve("7.zip").toFile())) {
                assertThat(zip.size()).isEqualTo(entries.size());
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry entry = zip.getEntry(e.getKey());
                    assertThat(entry.getMethod()).as(choice)
                            .isEqualTo(choice.equals("stored") ? ZipEntry.STORED : ZipEntry.DEFLATED);
                    try (java.io.InputStream in = zip.getInputStream(entry)) {
                        assertThat(in.readAllBytes()).as(choice + " " + e.getKey()).isEqualTo(e.getValue());
                    }
                }
            }
            byChoice.put(choice, entries);
        }
        Map<String, byte[]> deflated = byChoice.get("deflate-1");
        assertThat(deflated).hasSize(40);
        byChoice.forEach((choice, entries) -> {
            assertThat(entries.keySet()).as(choice).containsExactlyElementsOf(deflated.keySet());
            entries.forEach((name, bytes) -> assertThat(bytes).as(choice + " " + name).isEqualTo(deflated.get(name)));
        });
    }

    @Test
    void anUnknownCompressionIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArchiveCompression.parse("deflate-0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stored");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArchiveCompression.parse("zstd"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<Path> incoming() throws Exception {
        try (java.util.stream.Stream<Path> files = Files.list(dir.resolve(FileArchiveStore.INCOMING))) {
            return files.toList();
        }
    }

    /** The one archive file of a height, {@code <height>.zip}, read with the JDK's ZIP reader: entry name to bytes. */
    private Map<String, byte[]> unzip() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(dir.resolve("7.zip")))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static MessageRow message(String cid, String params) {
        return new MessageRow(7, "b1", cid, 0, 0, 0, "f1abc", "f01", 100L, 1L, 3, BIG, 2, "Exec", "init", params,
                "", 10, BIG, BIG, 0, "", "", 5, BIG, BIG, BIG, BIG, BIG, BIG, "", "", 0, 1, 0, "", List.of("b1"),
                1700000000, "2026-01-01 00:00:00.000000");
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
