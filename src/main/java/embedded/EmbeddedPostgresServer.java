package embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server as a child process (zonky's packaged binaries), its data directory
 * kept across restarts. A {@link Watchdog}, started before the server, stops it when this JVM dies
 * by any means (fast shutdown, then immediate, then SIGKILL), so no postmaster outlives the
 * application for more than a few seconds.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    /** Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL, this many seconds apart. */
    private static final int WATCHDOG_GRACE_SECONDS = 10;

    private final EmbeddedPostgres postgres;
    private final Watchdog watchdog;
    private final Path dataDir;
    private final long postmasterPid;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Watchdog watchdog, Path dataDir, long postmasterPid) {
        this.dataDir = dataDir;
        this.postmasterPid = postmasterPid;
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    public static EmbeddedPostgresServer start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** On {@code port} (0: a free one). */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        long began = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            // before the server starts: a JVM killed while PostgreSQL starts must not orphan it
            Watchdog watchdog = Watchdog.forPidFile(dataDir.toAbsolutePath().resolve("postmaster.pid"),
                    dataDir.toAbsolutePath().toString(), new String[] {"INT", "QUIT"}, WATCHDOG_GRACE_SECONDS);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "50")
                    .start();
            LOG.info("embedded PostgreSQL on port {}, data in {}, started in {} ms", postgres.getPort(), dataDir,
                    (System.nanoTime() - began) / 1_000_000);
            return new EmbeddedPostgresServer(postgres, watchdog, dataDir, postmasterPid(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    public boolean isAlive() {
        return ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false);
    }

    public int port() {
        return postgres.getPort();
    }

    /** The same server again (data, port): its connection pool reconnects by itself. */
    public EmbeddedPostgresServer restart() {
        int port = port();
        try {
            close();
        } catch (RuntimeException e) {
            LOG.info("stopping the dead PostgreSQL: {}", e.getMessage());
        }
        return start(dataDir, port);
    }

    /** This server under a supervisor: {@link SupervisedEngine#restart()} replaces it. */
    public static SupervisedEngine supervised(EmbeddedPostgresServer first) {
        return new SupervisedEngine() {
            private volatile EmbeddedPostgresServer current = first;

            @Override
            public String name() {
                return "postgres";
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

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public String user() {
        return USER;
    }

    /** Local trust authentication: the server listens on loopback only. */
    public String password() {
        return "";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            watchdog.close();
        }
    }
}
