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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real engines tests run on, each started once per test JVM on first use and stopped when
 * the JVM exits. Tests that need isolation ask for their own ClickHouse database.
 */
public final class SharedEngines {
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final List<Path> TEMP_DIRS = new ArrayList<>();
    private static final Map<String, ClickHouseAccess> DATABASES = new ConcurrentHashMap<>();
    private static ChdbProcess chdb;
    private static ClickHouseAccess clickHouse;
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgresServer;
    private static HikariDataSource postgres;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedEngines::stopAll, "shared-engines-stop"));
    }

    private SharedEngines() {
    }

    /** The embedded ClickHouse engine's {@code default} database, migrated. */
    public static synchronized ClickHouseAccess clickHouse() {
        if (clickHouse == null) {
            chdb = ChdbProcess.start(newTempDir().resolve("clickhouse"), 0);
            clickHouse = ClickHouseAccess.open(chdb.url(), chdb.user(), chdb.password(), "default");
            MigrationRunner.migrate(clickHouse.dataSource(), Engine.CLICKHOUSE);
        }
        return clickHouse;
    }

    /** A database of its own on the shared engine, dropped and created anew, migrated. */
    public static synchronized ClickHouseAccess clickHouse(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + database);
        }
        ClickHouseAccess server = clickHouse();
        ClickHouseAccess previous = DATABASES.remove(database);
        if (previous != null) {
            previous.close();
        }
        execute(server, "DROP DATABASE IF EXISTS " + database);
        execute(server, "CREATE DATABASE " + database);
        ClickHouseAccess access = ClickHouseAccess.open(chdb.url(), chdb.user(), chdb.password(), database);
        MigrationRunner.migrate(access.dataSource(), Engine.CLICKHOUSE);
        DATABASES.put(database, access);
        return access;
    }

    /** Bootstrap servers of the embedded Kafka broker. */
    public static synchronized String kafkaBrokers() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(newTempDir().resolve("kafka"));
        }
        return kafka.bootstrapServers();
    }

    /** The embedded PostgreSQL server's database, migrated. */
    public static synchronized DataSource postgres() {
        if (postgres == null) {
            postgresServer = EmbeddedPostgresServer.start(newTempDir().resolve("postgres"));
            postgres = PostgresDataSource.create(postgresServer.jdbcUrl(), postgresServer.user(), postgresServer.password());
            MigrationRunner.migrate(postgres, Engine.POSTGRES);
        }
        return postgres;
    }

    /** The running embedded PostgreSQL server (for tests that connect on their own). */
    public static synchronized EmbeddedPostgresServer postgresServer() {
        postgres();
        return postgresServer;
    }

    /** The running embedded ClickHouse process (for tests about the engine itself). */
    public static synchronized ChdbProcess chdbProcess() {
        clickHouse();
        return chdb;
    }

    /** A temporary directory removed when the test JVM exits. */
    public static synchronized Path newTempDir() {
        try {
            Path dir = Files.createTempDirectory("filflow-test-");
            TEMP_DIRS.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(ClickHouseAccess access, String sql) {
        try {
            access.client().execute(sql).get().close();
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static synchronized void stopAll() {
        DATABASES.values().forEach(ClickHouseAccess::close);
        if (clickHouse != null) {
            clickHouse.close();
        }
        if (chdb != null) {
            chdb.close();
        }
        if (postgres != null) {
            postgres.close();
            postgresServer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        TEMP_DIRS.forEach(SharedEngines::deleteRecursively);
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }
}
