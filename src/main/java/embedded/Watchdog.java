package embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A small shell process that outlives nothing: it waits for end-of-file on its standard input,
 * which only this JVM holds open, so it wakes when the JVM ends by any means ({@code kill -9}
 * included). Then it stops the engine it guards — politely first, and if the engine has not gone
 * within the grace period, with {@code SIGKILL} — so no engine survives the application for long,
 * even one stuck in a query, a merge or a checkpoint.
 * <p>
 * The engine's process id is read when the watchdog wakes, from a pid file or a fixed value, and
 * the engine is signalled only while its command line still names {@code marker} (a recycled pid
 * is left alone). A watchdog can therefore start before its engine does, leaving no window in
 * which a dying JVM would orphan a half-started engine.
 */
public final class Watchdog implements AutoCloseable {
    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    /** Guards the process whose id is the first line of {@code pidFile} (read when the JVM ends). */
    public static Watchdog forPidFile(Path pidFile, String marker, String[] signals, int graceSeconds) {
        return start("head -n 1 " + quote(pidFile.toString()) + " 2>/dev/null | tr -dc 0-9", marker, signals, graceSeconds);
    }

    /** Guards the process {@code pid}. */
    public static Watchdog forPid(long pid, String marker, String[] signals, int graceSeconds) {
        return start("echo " + pid, marker, signals, graceSeconds);
    }

    /**
     * @param signals sent in order, {@code graceSeconds} apart, while the engine lives; SIGKILL follows the last
     */
    private static Watchdog start(String pidCommand, String marker, String[] signals, int graceSeconds) {
        StringBuilder script = new StringBuilder()
                .append("cat > /dev/null\n")
                .append("pid=$(").append(pidCommand).append(")\n")
                .append("[ -n \"$pid\" ] || exit 0\n")
                .append("ours() { kill -0 \"$pid\" 2>/dev/null && tr '\\0' ' ' < /proc/\"$pid\"/cmdline 2>/dev/null | grep -qF -- ")
                .append(quote(marker)).append("; }\n")
                .append("for signal in ").append(String.join(" ", signals)).append(" KILL; do\n")
                .append("  ours || exit 0\n")
                .append("  kill -\"$signal\" \"$pid\" 2>/dev/null\n")
                .append("  i=0; while [ $i -lt ").append(graceSeconds * 10).append(" ] && ours; do sleep 0.1; i=$((i+1)); done\n")
                .append("done\n");
        try {
            Process p = new ProcessBuilder("sh", "-c", script.toString(), "filflow-watchdog")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Watchdog(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the watchdog of " + marker, e);
        }
    }

    /** The engine stopped in an orderly way: the watchdog goes without signalling anything. */
    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            // its `cat` would otherwise wait for this JVM's end; the engine is stopped, so waking it is harmless
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
