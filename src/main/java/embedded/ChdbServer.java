package embedded;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Main class of the child JVM that hosts chDB, so the engine's signal handlers and memory never
 * touch the application's JVM. Serves the ClickHouse HTTP interface on loopback and prints
 * {@code LISTENING <port>} once ready. Exits when its standard input ends (the parent is gone)
 * or on SIGTERM.
 *
 * <p>Arguments: library path, data directory, port (0 = any free), connection count. The password
 * comes in the environment variable {@value #PASSWORD_ENV}, never on the command line.
 */
public final class ChdbServer {
    static final String PASSWORD_ENV = "FILFLOW_CHDB_PASSWORD";
    static final String USER = "default";
    static final String READY_PREFIX = "LISTENING ";

    private ChdbServer() {
    }

    public static void main(String[] args) throws Exception {
        // first of all: a parent that dies while the engine starts must not leave it behind
        Thread parentWatch = new Thread(() -> exitWhenParentGoes(System.in), "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        String library = args[0];
        Path dataDir = Path.of(args[1]).toAbsolutePath();
        int port = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        // the API's own connections (requests with X-Filflow-Pool: api), so it cannot take indexing's
        int apiConnections = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException(PASSWORD_ENV + " is not set");
        }
        Files.createDirectories(dataDir);
        ChdbLibrary lib = ChdbLibrary.load(library);
        BlockingQueue<ChdbConnection> pool = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            pool.add(ChdbConnection.open(lib, dataDir.toString()));
        }
        BlockingQueue<ChdbConnection> apiPool = pool;
        if (apiConnections > 0) {
            apiPool = new ArrayBlockingQueue<>(apiConnections);
            for (int i = 0; i < apiConnections; i++) {
                apiPool.add(ChdbConnection.open(lib, dataDir.toString()));
            }
        }
        String timezone = serverTimezone(pool);
        Path spoolDir = spoolDirectory();

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService executor = Executors.newFixedThreadPool((connections + apiConnections) * 2);
        server.setExecutor(executor);
        server.createContext("/", new ClickHouseHttpHandler(pool, apiPool, USER, password, spoolDir, timezone));
        server.start();

        BlockingQueue<ChdbConnection> api = apiPool;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown(server, executor, pool, spoolDir);
            drain(api);
        }));
        System.out.println(READY_PREFIX + server.getAddress().getPort());
        System.out.flush();
        parentWatch.join();
    }

    private static String serverTimezone(BlockingQueue<ChdbConnection> pool) {
        ChdbConnection connection = pool.peek();
        try (ChdbConnection.Result result = connection.query("SELECT timezone()".getBytes(StandardCharsets.UTF_8),
                "TabSeparated", List.of(), List.of())) {
            if (result.error() != null) {
                throw new IllegalStateException(result.error());
            }
            var data = result.data();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8).trim();
        }
    }

    /** Insert bodies are spooled to files; memory-backed when /dev/shm is there. */
    private static Path spoolDirectory() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(parent, "filflow-chdb-");
    }

    private static void exitWhenParentGoes(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // nothing to read; the parent never writes
            }
        } catch (IOException e) {
            // the pipe broke: the parent is gone just the same
        }
        System.exit(0);
    }

    private static void drain(BlockingQueue<ChdbConnection> pool) {
        ChdbConnection connection;
        while ((connection = pool.poll()) != null) {
            connection.close();
        }
    }

    private static void shutdown(HttpServer server, ExecutorService executor, BlockingQueue<ChdbConnection> pool,
            Path spoolDir) {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain(pool);
        try (var files = Files.list(spoolDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(spoolDir);
        } catch (IOException e) {
            System.err.println("chdb endpoint: could not clean " + spoolDir + ": " + e);
        }
    }
}
