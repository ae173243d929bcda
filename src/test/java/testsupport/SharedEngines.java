package testsupport;

import com.zaxxer.hikari.HikariDataSource;
import embedded.ChdbProcess;
import embedded.EmbeddedKafka;
import embedded.EmbeddedPostgresServer;
import storage.ClickHouseAccess;
import storage.Engine;
import storage.MigrationRunner;
import storage.PostgresDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real engines tests run on, each started once per test JVM on first use (independently, so
 * they can start in parallel) and stopped when the JVM exits. Tests that need isolation ask for
 * their own ClickHouse database.
 */
public final class SharedEngines {
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final List<Path> TEMP_DIRS = new ArrayList<>();
    private static final Map<String, ClickHouseAccess> DATABASES = new ConcurrentHashMap<>();

    private static final Lazy<ChdbProcess> CHDB = new Lazy<>(
            () -> ChdbProcess.start(newTempDir().resolve("clickhouse"), 0));
    private static final Lazy<ClickHouseAccess> CLICKHOUSE = new Lazy<>(() -> open("default"));
    private static final Lazy<EmbeddedKafka> KAFKA = new Lazy<>(() -> EmbeddedKafka.start(newTempDir().resolve("kafka")));
    private static final Lazy<EmbeddedPostgresServer> POSTGRES_SERVER = new Lazy<>(
            () -> EmbeddedPostgresServer.start(newTempDir().resolve("postgres")));
    private static final Lazy<HikariDataSource> POSTGRES = new Lazy<>(() -> {
        EmbeddedPostgresServer server = POSTGRES_SERVER.get();
        HikariDataSource dataSource = PostgresDataSource.create(server.jdbcUrl(), server.user(), server.password());
        MigrationRunner.migrate(dataSource, Engine.POSTGRES);
        return dataSource;
    });

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedEngines::stopAll, "shared-engines-stop"));
    }

    private SharedEngines() {
    }

    /** The embedded ClickHouse engine's {@code default} database, migrated. */
    public static ClickHouseAccess clickHouse() {
        return CLICKHOUSE.get();
    }

    /** A database of its own on the shared engine, dropped and created anew, migrated. */
    public static synchronized ClickHouseAccess clickHouse(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + database);
        }
        ClickHouseAccess previous = DATABASES.remove(database);
        if (previous != null) {
            previous.close();
        }
        execute(clickHouse(), "DROP DATABASE IF EXISTS " + database);
        execute(clickHouse(), "CREATE DATABASE " + database);
        ClickHouseAccess access = open(database);
        DATABASES.put(database, access);
        return access;
    }

    /** The running embedded ClickHouse process (for tests about the engine itself). */
    public static ChdbProcess chdbProcess() {
        return CHDB.get();
    }

    /** Bootstrap servers of the embedded Kafka broker. */
    public static String kafkaBrokers() {
        return KAFKA.get().bootstrapServers();
    }

    /** The embedded PostgreSQL server's database, migrated. */
    public static DataSource postgres() {
        return POSTGRES.get();
    }

    /** The running embedded PostgreSQL server (for tests that connect on their own). */
    public static EmbeddedPostgresServer postgresServer() {
        POSTGRES.get();
        return POSTGRES_SERVER.get();
    }

    /** Starts all engines at once (they start in parallel), for tests that need every one. */
    public static void startAll() {
        CompletableFuture.allOf(
                CompletableFuture.runAsync(SharedEngines::clickHouse),
                CompletableFuture.runAsync(SharedEngines::kafkaBrokers),
                CompletableFuture.runAsync(SharedEngines::postgres)).join();
    }

    /** A temporary directory removed when the test JVM exits. */
    public static Path newTempDir() {
        try {
            Path dir = Files.createTempDirectory("filflow-test-");
            synchronized (TEMP_DIRS) {
                TEMP_DIRS.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClickHouseAccess open(String database) {
        ChdbProcess chdb = CHDB.get();
        ClickHouseAccess access = ClickHouseAccess.open(chdb.url(), chdb.user(), chdb.password(), database);
        MigrationRunner.migrate(access.dataSource(), Engine.CLICKHOUSE);
        return access;
    }

    private static void execute(ClickHouseAccess access, String sql) {
        try {
            access.client().execute(sql).get().close();
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void stopAll() {
        DATABASES.values().forEach(ClickHouseAccess::close);
        CLICKHOUSE.ifStarted(ClickHouseAccess::close);
        CHDB.ifStarted(ChdbProcess::close);
        POSTGRES.ifStarted(HikariDataSource::close);
        POSTGRES_SERVER.ifStarted(EmbeddedPostgresServer::close);
        KAFKA.ifStarted(EmbeddedKafka::close);
        synchronized (TEMP_DIRS) {
            TEMP_DIRS.forEach(SharedEngines::deleteRecursively);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }

    /** A value made once, on first use, under its own lock. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        synchronized T get() {
            if (value == null) {
                value = factory.get();
            }
            return value;
        }

        synchronized void ifStarted(java.util.function.Consumer<T> action) {
            if (value != null) {
                action.accept(value);
            }
        }
    }
}
