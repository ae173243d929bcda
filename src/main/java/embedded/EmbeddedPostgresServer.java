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

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Watchdog watchdog) {
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    public static EmbeddedPostgresServer start(Path dataDir) {
        long began = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            // before the server starts: a JVM killed while PostgreSQL starts must not orphan it
            Watchdog watchdog = Watchdog.forPidFile(dataDir.toAbsolutePath().resolve("postmaster.pid"),
                    dataDir.toAbsolutePath().toString(), new String[] {"INT", "QUIT"}, WATCHDOG_GRACE_SECONDS);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "50")
                    .start();
            LOG.info("embedded PostgreSQL on port {}, data in {}, started in {} ms", postgres.getPort(), dataDir,
                    (System.nanoTime() - began) / 1_000_000);
            return new EmbeddedPostgresServer(postgres, watchdog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
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
