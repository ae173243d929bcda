package storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import testsupport.SharedEngines;

/**
 * Issue 14, item 8: instances starting at once on fresh databases all start; each migration is
 * applied and recorded once. Without the lock the losers of the race fail on
 * {@code schema_migrations}' primary key (or on PostgreSQL's catalog while creating a table).
 */
class MigrationLockTest {
    @Test
    void fourInstancesMigratingAtOnceAllSucceedAndApplyEachMigrationOnce() throws Exception {
        String name = "mig_" + UUID.randomUUID().toString().substring(0, 8);
        ClickHouseAccess clickHouse = SharedEngines.clickHouse(name);
        try (Connection c = SharedEngines.postgres().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        var server = SharedEngines.postgresServer();
        String url = server.jdbcUrl().replaceAll("/[^/?]+(\\?|$)", "/" + name + "$1");
        List<HikariDataSource> pools = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HikariDataSource postgres = PostgresDataSource.create(url, server.user(), server.password());
            pools.add(postgres);
            starts.add(CompletableFuture.runAsync(() -> {
                await(go);
                MigrationRunner.migrateAll(clickHouse.dataSource(), postgres);
            }));
        }
        go.countDown();
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
            int expected = MigrationRunner.load(Engine.POSTGRES).size();
            try (Connection c = pools.get(0).getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM schema_migrations")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(expected);
            }
            assertThat(clickHouse.client().queryAll("SELECT count() AS n FROM schema_migrations").get(0).getLong("n"))
                    .as("ClickHouse migrations recorded once each (no FINAL needed)")
                    .isEqualTo(MigrationRunner.load(Engine.CLICKHOUSE).size());
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }

    /** While another instance holds the lock, migrating waits; it applies everything once the lock is free. */
    @Test
    void migratingWaitsWhileAnotherInstanceHoldsTheLock() throws Exception {
        String name = "mig_" + UUID.randomUUID().toString().substring(0, 8);
        ClickHouseAccess clickHouse = SharedEngines.clickHouse(name);
        try (Connection holder = SharedEngines.postgres().getConnection(); Statement s = holder.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + MigrationRunner.LOCK_KEY + ")");
            CompletableFuture<Void> start = CompletableFuture.runAsync(
                    () -> MigrationRunner.migrateAll(clickHouse.dataSource(), SharedEngines.postgres()));
            Thread.sleep(3_000);
            assertThat(start).as("migrations wait for the lock").isNotDone();
            s.execute("SELECT pg_advisory_unlock(" + MigrationRunner.LOCK_KEY + ")");
            start.get(5, java.util.concurrent.TimeUnit.MINUTES);
        }
        assertThat(clickHouse.client().queryAll("SELECT count() AS n FROM schema_migrations").get(0).getLong("n"))
                .isEqualTo(MigrationRunner.load(Engine.CLICKHOUSE).size());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
