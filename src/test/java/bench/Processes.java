package bench;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import embedded.Watchdog;

/**
 * Child processes of a benchmark: started as a person would start them (a {@code java} command
 * with the project's classpath), their output in log files, their memory read from {@code /proc},
 * and every one of them (with its own children) stopped when the benchmark ends, however it ends.
 */
final class Processes implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The longest an engine watchdog takes: PostgreSQL gets INT, 10 s, QUIT, 10 s, then KILL. */
    private static final Duration WATCHDOG_GRACE = Duration.ofSeconds(30);

    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final List<Watchdog> watchdogs = new CopyOnWriteArrayList<>();
    private final Path logs;
    private final Thread hook = new Thread(this::stopAll, "bench-stop");

    Processes(Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Path logs() {
        return logs;
    }

    /** {@code java <jvmOptions> -cp <this JVM's classpath> <mainClass> <args>} with extra environment. */
    Process java(String name, List<String> jvmOptions, String mainClass, List<String> args, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        started.add(p);
        // should this JVM die without running its shutdown hook (kill -9, or `timeout`'s KILL), the
        // child would live on: a watchdog stops it then, as filflow's own watchdogs stop its engines
        watchdogs.add(Watchdog.forPid(p.pid(), mainClass, new String[] {"TERM"}, 15));
        return p;
    }

    /** Resident set size of a process and all its descendants, in bytes (0 once it is gone). */
    static long residentTree(ProcessHandle p) {
        long total = resident(p.pid());
        for (ProcessHandle child : p.descendants().toList()) {
            total += resident(child.pid());
        }
        return total;
    }

    /** Resident set size of one process ({@code VmRSS}), in bytes. */
    static long resident(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /** CPU time (user + system) a process and its descendants used so far, in seconds. */
    static double cpuSecondsTree(ProcessHandle p) {
        double total = cpuSeconds(p.pid());
        for (ProcessHandle child : p.descendants().toList()) {
            total += cpuSeconds(child.pid());
        }
        return total;
    }

    /** CPU time of one process from {@code /proc/<pid>/stat} (clock ticks of 10 ms), in seconds. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            // not Linux
        }
        long memory = 0;
        try {
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) >> 20).orElse(0L);
        } catch (IOException e) {
            // not Linux
        }
        return String.format("%d cores (%s), %d GiB, java %s, %s %s", Runtime.getRuntime().availableProcessors(), cpu,
                memory, System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET, answering the status and body, or status -1 when nothing answered. */
    static HttpResponse<String> get(String url, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits until {@code url} answers 200, or fails when {@code p} died or the time is up. */
    static void awaitOk(String url, Process p, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            HttpResponse<String> r = get(url, Duration.ofSeconds(5));
            if (r != null && r.statusCode() == 200) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(url + ": the process exited with " + p.exitValue());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + within);
    }

    /**
     * Stops one process and its descendants: TERM, then KILL after {@code grace}; then its
     * descendants get up to {@link #WATCHDOG_GRACE} to end by themselves before they are killed too.
     * They are given that time because filflow's engine watchdogs ({@code embedded.Watchdog}) are among
     * them: woken by the JVM's end, each stops its engine — PostgreSQL's postmaster is not a
     * descendant (pg_ctl detaches it), so killing its watchdog early would leave it running.
     */
    static void stop(Process p, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            long end = System.nanoTime() + WATCHDOG_GRACE.toNanos();
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        for (ProcessHandle child : tree) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    /** Stops every process at once (one after the other would outlast {@code timeout}'s kill-after). */
    private void stopAll() {
        List<Thread> stopping = new ArrayList<>();
        for (Process p : started) {
            if (p.isAlive()) {
                Thread t = new Thread(() -> stop(p, Duration.ofSeconds(15)), "bench-stop-" + p.pid());
                t.start();
                stopping.add(t);
            }
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        watchdogs.forEach(Watchdog::close);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
