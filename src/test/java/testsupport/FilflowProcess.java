package testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * filflow as a separate operating-system process ({@code java … filflow.FilflowMain}), as an
 * operator runs it: settings as {@code -Dname=value}, output to a log file, and {@link #kill9}
 * for the faults a test injects. Processes still running when the test JVM exits are killed.
 */
public final class FilflowProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<Process> RUNNING = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (RUNNING) {
                RUNNING.forEach(Process::destroyForcibly);
            }
        }, "filflow-process-reaper"));
    }

    private final Process process;
    private final int httpPort;
    private final int managementPort;
    private final Path log;

    private FilflowProcess(Process process, int httpPort, int managementPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts filflow on {@code dataDir}; returns at once (see {@link #awaitApi}). */
    public static FilflowProcess start(Path dataDir, Map<String, String> settings) {
        int httpPort = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.add("-Ddata.dir=" + dataDir);
        command.add("-Dhttp.port=" + httpPort);
        command.add("-Dmanagement.port=" + managementPort);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("filflow.FilflowMain");
        try {
            Files.createDirectories(dataDir);
            Path log = Files.createTempFile(dataDir.getParent(), "filflow-", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            synchronized (RUNNING) {
                RUNNING.add(p);
            }
            return new FilflowProcess(p, httpPort, managementPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the API answers; false if the process died or {@code within} passed. */
    public boolean awaitApi(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (get("/api/v1/openapi.json").statusCode() == 200) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            sleep(250);
        }
        return false;
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(apiUrl(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET());
    }

    public HttpResponse<String> post(String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(apiUrl(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    /** The Prometheus text of {@code /observe/metrics}. */
    public String metrics() {
        return send(HttpRequest.newBuilder(managementUrl("/observe/metrics")).timeout(Duration.ofSeconds(30)).GET()).body();
    }

    public URI apiUrl(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + httpPort + pathAndQuery);
    }

    public URI managementUrl(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; its exit status, or -1 if it still runs after {@code within}. */
    public int awaitExit(Duration within) {
        return waitFor(within) ? process.exitValue() : -1;
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no orderly stop of anything. */
    public void kill9() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM: the orderly stop an operator's Ctrl-C gives. */
    public void stop() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(60))) {
            kill9();
        }
    }

    private boolean waitFor(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Processes other than the test JVM whose command line names {@code marker} (e.g. a DATA_DIR). */
    public static List<ProcessHandle> processesNaming(String marker) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self && p.isAlive())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)
                        || p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .toList();
    }

    /** Waits up to {@code within} for {@link #processesNaming} to be empty; answers those still alive (pid and command line). */
    public static List<String> awaitNoneNaming(Path dataDir, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<ProcessHandle> left = processesNaming(dataDir.toString());
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            left = processesNaming(dataDir.toString());
        }
        return left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        synchronized (RUNNING) {
            RUNNING.remove(process);
        }
    }
}
