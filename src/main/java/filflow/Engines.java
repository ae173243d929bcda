package filflow;

import com.zaxxer.hikari.HikariDataSource;
import embedded.ChdbProcess;
import embedded.SupervisedEngine;
import embedded.EmbeddedKafka;
import embedded.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import storage.ClickHouseAccess;
import storage.MigrationRunner;
import storage.PostgresDataSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The three storage engines filflow runs on: each is the configured server, or, when its
 * URL is not set, an embedded real engine with data under {@code DATA_DIR}. Embedded engines
 * start in parallel; schemas are migrated before anything else uses them.
 */
public final class Engines implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

    private final ClickHouseAccess clickHouse;
    private final HikariDataSource postgres;
    private final String kafkaBrokers;
    private final List<AutoCloseable> embedded;
    private final List<SupervisedEngine> supervised = new ArrayList<>();

    private Engines(ClickHouseAccess clickHouse, HikariDataSource postgres, String kafkaBrokers,
            List<AutoCloseable> embedded) {
        this.clickHouse = clickHouse;
        this.postgres = postgres;
        this.kafkaBrokers = kafkaBrokers;
        this.embedded = embedded;
        // the engines in child processes can die alone; Kafka runs in this JVM and dies only with it
        for (int i = 0; i < embedded.size(); i++) {
            SupervisedEngine s = embedded.get(i) instanceof ChdbProcess c ? ChdbProcess.supervised(c)
                    : embedded.get(i) instanceof EmbeddedPostgresServer p ? EmbeddedPostgresServer.supervised(p) : null;
            if (s != null) {
                embedded.set(i, s);
                supervised.add(s);
            }
        }
    }

    /** The embedded engines a supervisor restarts when their process dies. */
    public List<SupervisedEngine> supervised() {
        return List.copyOf(supervised);
    }

    public static Engines start(Settings settings) {
        Path dataDir = settings.dataDir();
        CompletableFuture<ChdbProcess> chdb = settings.isSet(ConfigKey.CLICKHOUSE_URL) ? null
                : CompletableFuture.supplyAsync(() -> ChdbProcess.start(chdbLibrary(settings), dataDir.resolve("clickhouse"), 0));
        CompletableFuture<EmbeddedPostgresServer> pg = settings.isSet(ConfigKey.POSTGRES_URL) ? null
                : CompletableFuture.supplyAsync(() -> EmbeddedPostgresServer.start(dataDir.resolve("postgres")));
        CompletableFuture<EmbeddedKafka> kafka = settings.isSet(ConfigKey.KAFKA_BROKERS) ? null
                : CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(dataDir.resolve("kafka")));
        List<AutoCloseable> started = new ArrayList<>();
        try {
            ClickHouseAccess clickHouse = chdb == null
                    ? ClickHouseAccess.open(settings.get(ConfigKey.CLICKHOUSE_URL), settings.get(ConfigKey.CLICKHOUSE_USER),
                            settings.get(ConfigKey.CLICKHOUSE_PASSWORD), settings.get(ConfigKey.CLICKHOUSE_DATABASE),
                            limits(settings))
                    : openEmbedded(join(chdb, started), settings);
            HikariDataSource postgres = pg == null
                    ? PostgresDataSource.create(settings.get(ConfigKey.POSTGRES_URL), settings.get(ConfigKey.POSTGRES_USER),
                            settings.get(ConfigKey.POSTGRES_PASSWORD))
                    : openEmbedded(join(pg, started));
            String brokers = kafka == null ? settings.get(ConfigKey.KAFKA_BROKERS) : join(kafka, started).bootstrapServers();
            MigrationRunner.migrateAll(clickHouse.dataSource(), postgres);
            LOG.info("ClickHouse: {}", chdb == null ? "server " + Redact.text(clickHouse.url())
                    : "embedded chDB " + ChdbProcess.CHDB_VERSION + " at " + clickHouse.url() + ", data in " + dataDir.resolve("clickhouse"));
            LOG.info("PostgreSQL: {}", pg == null ? "server " + Redact.text(settings.get(ConfigKey.POSTGRES_URL))
                    : "embedded at " + postgres.getJdbcUrl() + ", data in " + dataDir.resolve("postgres"));
            LOG.info("Kafka: {}", kafka == null ? "server " + brokers
                    : "embedded broker at " + brokers + ", data in " + dataDir.resolve("kafka"));
            return new Engines(clickHouse, postgres, brokers, started);
        } catch (RuntimeException e) {
            // stop whatever did start, including engines still starting
            for (CompletableFuture<? extends AutoCloseable> future : Arrays.asList(chdb, pg, kafka)) {
                if (future != null) {
                    future.thenAccept(Engines::closeQuietly);
                }
            }
            throw e;
        }
    }

    private static Path chdbLibrary(Settings settings) {
        return settings.find(ConfigKey.CHDB_LIBRARY).map(Path::of).orElseGet(ChdbProcess::defaultLibrary);
    }

    private static ClickHouseAccess openEmbedded(ChdbProcess chdb, Settings settings) {
        return ClickHouseAccess.open(chdb.url(), chdb.user(), chdb.password(), settings.get(ConfigKey.CLICKHOUSE_DATABASE),
                limits(settings));
    }

    private static ClickHouseAccess.Limits limits(Settings settings) {
        String apiTimeout = settings.propertyOrDefault("api.query-timeout-ms");
        return new ClickHouseAccess.Limits(
                java.time.Duration.ofSeconds(Long.parseLong(settings.get(ConfigKey.CLICKHOUSE_QUERY_TIMEOUT_SECONDS))),
                java.time.Duration.ofMillis(Long.parseLong(apiTimeout == null ? "10000" : apiTimeout.trim())),
                Integer.parseInt(settings.get(ConfigKey.CLICKHOUSE_API_MAX_CONNECTIONS)));
    }

    private static HikariDataSource openEmbedded(EmbeddedPostgresServer server) {
        return PostgresDataSource.create(server.jdbcUrl(), server.user(), server.password());
    }

    private static <T extends AutoCloseable> T join(CompletableFuture<T> future, List<AutoCloseable> started) {
        try {
            T engine = future.join();
            started.add(engine);
            return engine;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    public ClickHouseAccess clickHouse() {
        return clickHouse;
    }

    public HikariDataSource postgres() {
        return postgres;
    }

    public String kafkaBrokers() {
        return kafkaBrokers;
    }

    /** Stops clients first, then embedded engines in reverse start order. */
    @Override
    public void close() {
        closeQuietly(clickHouse);
        closeQuietly(postgres);
        for (int i = embedded.size() - 1; i >= 0; i--) {
            closeQuietly(embedded.get(i));
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", closeable, e.toString());
        }
    }
}
