package embedded;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM with chDB loaded stays healthy: the engine's signal handlers would otherwise make it hang
 * on ordinary exceptions in compiled code or during GC. Runs {@link ChdbJvmHealthProbe} in its own
 * JVM (the way {@link ChdbServer} runs) under a timeout.
 */
class ChdbJvmHealthTest {

    @Test
    void compiledCodeExceptionsStackOverflowAndGcUnderLoadWork() throws Exception {
        Path dataDir = SharedEngines.newTempDir().resolve("chdb");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath(), ChdbJvmHealthProbe.class.getName(),
                ChdbProcess.defaultLibrary().toString(), dataDir.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });

        boolean finished = probe.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            probe.destroyForcibly().waitFor();
        }
        String text = output.get(10, TimeUnit.SECONDS);

        assertThat(finished).as("probe finished (a hang means the JVM lost its signal handlers):\n" + text).isTrue();
        assertThat(probe.exitValue()).as(text).isZero();
        assertThat(text).contains("null pointer exceptions caught: 300000")
                .contains("arithmetic exceptions caught: 300000")
                .contains("stack overflow caught: true")
                .containsPattern("queries during gc load: [1-9]")
                .contains("ALL OK");
    }

    private static String classPath() throws Exception {
        List<Class<?>> anchors = List.of(ChdbJvmHealthProbe.class, ChdbServer.class, Native.class);
        StringBuilder path = new StringBuilder();
        for (Class<?> anchor : anchors) {
            if (path.length() > 0) {
                path.append(File.pathSeparator);
            }
            path.append(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return path.toString();
    }
}
