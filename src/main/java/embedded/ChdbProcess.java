package embedded;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseCityHash;
import com.sun.jna.Native;
import net.jpountz.lz4.LZ4Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded ClickHouse engine: chDB in a child JVM ({@link ChdbServer}) behind the ClickHouse
 * HTTP interface on loopback, protected by a random password made for each start. The child dies
 * with this JVM (it watches its standard input from its first instruction) and on {@link #close()};
 * a {@link Watchdog} kills it if it has not gone a few seconds after this JVM, even if it hangs.
 */
public final class ChdbProcess implements AutoCloseable {
    /** The chDB release bin/fetch-chdb downloads and verifies. */
    public static final String CHDB_VERSION = "26.5.3";
    private static final Logger LOG = LoggerFactory.getLogger(ChdbProcess.class);
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final int CONNECTIONS = 4;
    /** The API's own connections, apart from indexing's (ClickHouseAccess.apiClient sends the pool header). */
    private static final int API_CONNECTIONS = 2;

    /** SIGTERM (the child's orderly exit), then SIGKILL if it has not gone within this many seconds. */
    private static final int WATCHDOG_GRACE_SECONDS = 10;

    private final Path library;
    private final Path dataDir;
    private final Process process;
    private final Watchdog watchdog;
    private final int port;
    private final String password;

    private ChdbProcess(Path library, Path dataDir, Process process, Watchdog watchdog, int port, String password) {
        this.library = library;
        this.dataDir = dataDir;
        this.process = process;
        this.watchdog = watchdog;
        this.port = port;
        this.password = password;
    }

    /** Where bin/fetch-chdb caches the library: FILFLOW_CACHE, else XDG_CACHE_HOME/filflow, else ~/.cache/filflow. */
    public static Path defaultLibrary() {
        String cache = System.getenv("FILFLOW_CACHE");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = cache != null && !cache.isEmpty() ? Path.of(cache)
                : xdg != null && !xdg.isEmpty() ? Path.of(xdg, "filflow")
                : Path.of(System.getProperty("user.home"), ".cache", "filflow");
        return root.resolve("chdb").resolve(CHDB_VERSION).resolve("package").resolve("libchdb.so");
    }

    /** Starts the engine on {@code dataDir}; port 0 picks a free one. Retries once after a failed start. */
    public static ChdbProcess start(Path library, Path dataDir, int port) {
        return start(library, dataDir, port, randomPassword());
    }

    /** With a given password: a restart on the same port keeps what its clients were told. */
    public static ChdbProcess start(Path library, Path dataDir, int port, String password) {
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("chDB library not found at " + library
                    + "; run bin/fetch-chdb (the Maven build runs it in the initialize phase), or set CLICKHOUSE_URL"
                    + " to use a ClickHouse server (the embedded engine needs Linux x86-64)");
        }
        try {
            return startOnce(library, dataDir, port, password);
        } catch (IllegalStateException first) {
            LOG.warn("chDB child did not start, retrying once: {}", first.getMessage());
            return startOnce(library, dataDir, port, password);
        }
    }

    public static ChdbProcess start(Path dataDir, int port) {
        return start(defaultLibrary(), dataDir, port);
    }

    private static ChdbProcess startOnce(Path library, Path dataDir, int port, String password) {
        long began = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command(library, dataDir, port));
        builder.environment().put(ChdbServer.PASSWORD_ENV, password);
        // One time zone for the engine and for every client reading its DateTime values.
        builder.environment().put("TZ", "UTC");
        Process process;
        try {
            Files.createDirectories(dataDir);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the chDB child JVM", e);
        }
        // the child exits by itself when our JVM goes; the watchdog makes sure of it if the engine hangs
        Watchdog watchdog = Watchdog.forPid(process.pid(), dataDir.toAbsolutePath().toString(), new String[] {"TERM"},
                WATCHDOG_GRACE_SECONDS);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), "stderr");
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> awaitReady(stdout));
        try {
            int actualPort = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            pump(stdout, "stdout");
            LOG.info("embedded ClickHouse (chDB {}) on http://127.0.0.1:{}, data in {}, pid {}, started in {} ms",
                    CHDB_VERSION, actualPort, dataDir, process.pid(), (System.nanoTime() - began) / 1_000_000);
            return new ChdbProcess(library, dataDir, process, watchdog, actualPort, password);
        } catch (TimeoutException | ExecutionException e) {
            LOG.error("chDB child pid {} not ready after {} s; its threads:\n{}", process.pid(), START_TIMEOUT_SECONDS,
                    threadDump(process));
            stop(process);
            watchdog.close();
            throw new IllegalStateException("chDB child did not become ready: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            watchdog.close();
            throw new IllegalStateException("interrupted while starting chDB", e);
        }
    }

    private static int awaitReady(BufferedReader stdout) {
        try {
            String line;
            while ((line = stdout.readLine()) != null) {
                if (line.startsWith(ChdbServer.READY_PREFIX)) {
                    return Integer.parseInt(line.substring(ChdbServer.READY_PREFIX.length()).trim());
                }
                LOG.info("chdb: {}", line);
            }
            throw new IllegalStateException("chDB child exited before it was ready");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(Path library, Path dataDir, int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dsun.net.httpserver.nodelay=true");
        // The LZ4 stream classes log through SLF4J; the child needs no logging backend.
        command.add("-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider");
        command.add("-Dslf4j.internal.verbosity=WARN");
        command.add("-cp");
        command.add(childClassPath());
        command.add(ChdbServer.class.getName());
        command.add(library.toAbsolutePath().toString());
        command.add(dataDir.toAbsolutePath().toString());
        command.add(Integer.toString(port));
        command.add(Integer.toString(CONNECTIONS));
        command.add(Integer.toString(API_CONNECTIONS));
        return command;
    }

    /** The jars the child needs, found from the classes themselves (works under surefire and camel:run). */
    private static String childClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(ChdbServer.class, Native.class, Client.class, ClickHouseCityHash.class,
                LZ4Factory.class, LoggerFactory.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void pump(BufferedReader lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = lines) {
                String line;
                while ((line = reader.readLine()) != null) {
                    LOG.info("chdb {}: {}", name, line);
                }
            } catch (IOException e) {
                LOG.debug("chdb {} closed: {}", name, e.getMessage());
            }
        }, "chdb-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private static String threadDump(Process process) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(10, TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String user() {
        return ChdbServer.USER;
    }

    public String password() {
        return password;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The same engine again (data, port, password): its clients need no change. */
    public ChdbProcess restart() {
        close();
        return start(library, dataDir, port, password);
    }

    /** This engine under a supervisor: {@link SupervisedEngine#restart()} replaces the process. */
    public static SupervisedEngine supervised(ChdbProcess first) {
        return new SupervisedEngine() {
            private volatile ChdbProcess current = first;

            @Override
            public String name() {
                return "clickhouse";
            }

            @Override
            public boolean alive() {
                return current.isAlive();
            }

            @Override
            public synchronized void restart() {
                current = current.restart();
            }

            @Override
            public void close() {
                current.close();
            }
        };
    }

    @Override
    public void close() {
        stop(process);
        watchdog.close();
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
