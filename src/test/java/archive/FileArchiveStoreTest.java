package archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of the file archive: a writer killed with {@code kill -9} mid-stream leaves no temp
 * file behind once the store opens again, and every file that has its name is complete.
 */
class FileArchiveStoreTest {
    @TempDir
    Path root;

    /** A separate JVM writes files without end; it is killed with SIGKILL while writing. */
    public static void main(String[] args) throws Exception {
        FileArchiveStore store = new FileArchiveStore(Path.of(args[0]));
        byte[] content = new byte[256 * 1024];
        for (long i = 0; ; i++) {
            java.util.Arrays.fill(content, (byte) ('a' + i % 26));
            store.write("h" + (i % 50) + "/data.bin", content);
            if (i == 20) {
                System.out.println("writing");
                System.out.flush();
            }
        }
    }

    @Test
    void aKillNineLeavesNoTempFileAndNoPartialFile() throws Exception {
        for (int round = 0; round < 3; round++) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), FileArchiveStoreTest.class.getName(), root.toString())
                    .redirectErrorStream(true).start();
            try {
                assertThat(new String(writer.getInputStream().readNBytes(8), StandardCharsets.UTF_8)).isEqualTo("writing\n");
                Thread.sleep(50L * (round + 1));
            } finally {
                writer.destroyForcibly(); // SIGKILL
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            new FileArchiveStore(root);
            assertThat(files(root.resolve(FileArchiveStore.INCOMING))).as("temp files after kill -9 and reopen").isEmpty();
            List<Path> archived = files(root).stream().filter(p -> !p.startsWith(root.resolve(FileArchiveStore.INCOMING))).toList();
            assertThat(archived).isNotEmpty();
            for (Path p : archived) {
                byte[] bytes = Files.readAllBytes(p);
                assertThat(bytes).as(p.toString()).hasSize(256 * 1024);
                for (byte b : bytes) {
                    if (b != bytes[0]) {
                        throw new AssertionError(p + " mixes two writes");
                    }
                }
            }
        }
    }

    @Test
    void aTempFileOfALiveWriterStays() throws Exception {
        new FileArchiveStore(root);
        Path mine = root.resolve(FileArchiveStore.INCOMING).resolve(ProcessHandle.current().pid() + "-999");
        Files.writeString(mine, "in flight");
        Path dead = root.resolve(FileArchiveStore.INCOMING).resolve("999999999-1");
        Files.writeString(dead, "left by kill -9");
        Path legacy = root.resolve(FileArchiveStore.INCOMING).resolve("junk");
        Files.writeString(legacy, "?");
        new FileArchiveStore(root);
        assertThat(mine).exists();
        assertThat(dead).doesNotExist();
        assertThat(legacy).doesNotExist();
    }

    @Test
    void pathsStayInsideTheStoreAndOutOfItsTempDirectory() {
        FileArchiveStore store = new FileArchiveStore(root);
        assertThatThrownBy(() -> store.write("../x", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.write(".incoming/x", new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
