package contracts.solc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small pool of Node.js processes running {@code solc/worker.js}, each compiling one standard
 * JSON input at a time over a line protocol on stdin/stdout. Workers start on first use and keep
 * the compilers they loaded warm. A compile that outlives the timeout kills its worker; a worker
 * that dies is replaced by a fresh one for the next compile.
 */
public final class CompilerWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompilerWorkers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A finished compile: the compiler's own version report and its standard JSON output. */
    public record Compiled(String compilerVersion, JsonNode output) {
    }

    private final int size;
    private final Duration timeout;
    private final String node;
    private final BlockingQueue<Worker> idle;
    private final List<Worker> all = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private Path script;
    private int started;
    private volatile boolean closed;

    public CompilerWorkers(int size, Duration timeout) {
        this(size, timeout, "node");
    }

    public CompilerWorkers(int size, Duration timeout, String node) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one compiler worker");
        }
        this.size = size;
        this.timeout = timeout;
        this.node = node;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    public int size() {
        return size;
    }

    /** Compiles {@code standardJsonInput} with the compiler at {@code soljson}, blocking the calling thread. */
    public Compiled compile(Path soljson, String standardJsonInput) {
        Worker worker = borrow();
        boolean healthy = false;
        try {
            Compiled result = worker.compile(ids.incrementAndGet(), soljson, standardJsonInput, timeout);
            healthy = true;
            return result;
        } finally {
            giveBack(worker, healthy);
        }
    }

    private Worker borrow() {
        while (true) {
            synchronized (this) {
                if (closed) {
                    throw new CompilerException(CompilerException.Kind.UNAVAILABLE, "the compiler pool is stopped");
                }
                Worker w = idle.poll();
                if (w != null) {
                    return w;
                }
                if (started < size) {
                    Worker fresh = spawn();
                    all.add(fresh);
                    started++;
                    return fresh;
                }
            }
            try {
                // all workers busy: wait for one to come back (or for a lost one's place to free up)
                Worker w = idle.poll(1, TimeUnit.SECONDS);
                if (w != null) {
                    return w;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompilerException(CompilerException.Kind.UNAVAILABLE, "interrupted while waiting for a compiler worker");
            }
        }
    }

    private void giveBack(Worker worker, boolean healthy) {
        synchronized (this) {
            if (healthy && worker.isAlive() && !closed) {
                idle.add(worker);
                return;
            }
            worker.kill();
            all.remove(worker);
            started--;
            if (closed) {
                return;
            }
            // replaced at once, so the next compile finds a worker ready
            try {
                Worker fresh = spawn();
                all.add(fresh);
                started++;
                idle.add(fresh);
            } catch (RuntimeException e) {
                LOG.warn("could not replace a compiler worker: {}", e.getMessage());
            }
        }
    }

    private Worker spawn() {
        try {
            if (script == null) {
                script = Files.createTempFile("filflow-solc-worker", ".js");
                script.toFile().deleteOnExit();
                try (InputStream in = CompilerWorkers.class.getResourceAsStream("/solc/worker.js")) {
                    Files.write(script, in.readAllBytes());
                }
            }
            Process p = new ProcessBuilder(node, script.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Worker(p);
        } catch (IOException e) {
            throw new CompilerException(CompilerException.Kind.UNAVAILABLE,
                    "cannot start a compiler worker (" + node + "): " + e.getMessage()
                            + "; Node.js comes with npm (apt-get install npm)", e);
        }
    }

    /** Process ids of the running workers (for tests that kill one). */
    public synchronized List<Long> pids() {
        return all.stream().map(w -> w.process.pid()).toList();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            all.forEach(Worker::kill);
            all.clear();
            idle.clear();
        }
    }

    /** One Node process; its stdout is read by a thread that hands complete lines over. */
    private static final class Worker {
        private static final String EOF = "\u0000eof";
        private final Process process;
        private final OutputStream in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Worker(Process process) {
            this.process = process;
            this.in = process.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process went away; EOF below says so
                }
                lines.add(EOF);
            }, "solc-worker-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        void kill() {
            process.destroyForcibly();
        }

        Compiled compile(long id, Path soljson, String input, Duration timeout) {
            ObjectNode request = JSON.createObjectNode();
            request.put("id", id);
            request.put("soljson", soljson.toAbsolutePath().toString());
            request.put("input", input);
            try {
                in.write(JSON.writeValueAsBytes(request));
                in.write('\n');
                in.flush();
            } catch (IOException e) {
                throw new CompilerException(CompilerException.Kind.CRASHED, "the compiler worker is gone: " + e.getMessage(), e);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line;
                try {
                    line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompilerException(CompilerException.Kind.UNAVAILABLE, "interrupted while compiling");
                }
                if (line == null) {
                    throw new CompilerException(CompilerException.Kind.TIMEOUT,
                            "the compile took longer than " + timeout.toSeconds() + " s and was stopped");
                }
                if (EOF.equals(line)) {
                    throw new CompilerException(CompilerException.Kind.CRASHED,
                            "the compiler worker crashed (exit " + exitCode() + "); it has been replaced, try again");
                }
                JsonNode answer;
                try {
                    answer = JSON.readTree(line);
                } catch (IOException e) {
                    continue;   // not a protocol line
                }
                if (answer == null || answer.path("id").asLong(-1) != id) {
                    continue;
                }
                if (answer.hasNonNull("error")) {
                    throw new CompilerException(CompilerException.Kind.CRASHED, "the compiler failed: " + answer.get("error").asText());
                }
                try {
                    return new Compiled(answer.path("version").asText(), JSON.readTree(answer.path("output").asText()));
                } catch (IOException e) {
                    throw new UncheckedIOException("the compiler's output is not JSON", e);
                }
            }
        }

        private String exitCode() {
            try {
                return process.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }
    }
}
