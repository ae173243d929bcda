package bench;

import embedded.ChdbProcess;
import embedded.EmbeddedKafka;
import embedded.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded engines (ClickHouse on chDB, Kafka, PostgreSQL) in a process of their own, so that
 * several filflow instances can share them as they would share production servers. Writes the
 * settings that point filflow at them ({@code NAME=value} lines) to the file given as the second
 * argument, then runs until its standard input closes. {@code java bench.EnginesHost DIR SETTINGS}
 */
public final class EnginesHost {
    private EnginesHost() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path settings = Path.of(args[1]);
        CompletableFuture<ChdbProcess> chdb = CompletableFuture.supplyAsync(
                () -> ChdbProcess.start(dir.resolve("clickhouse"), 0));
        CompletableFuture<EmbeddedKafka> kafka = CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(dir.resolve("kafka")));
        CompletableFuture<EmbeddedPostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> EmbeddedPostgresServer.start(dir.resolve("postgres")));
        try (ChdbProcess ch = chdb.join(); EmbeddedKafka k = kafka.join(); EmbeddedPostgresServer pg = postgres.join()) {
            Path temp = settings.resolveSibling(settings.getFileName() + ".part");
            Files.writeString(temp, String.join("\n",
                    "CLICKHOUSE_URL=" + ch.url(), "CLICKHOUSE_USER=" + ch.user(), "CLICKHOUSE_PASSWORD=" + ch.password(),
                    "KAFKA_BROKERS=" + k.bootstrapServers(),
                    "POSTGRES_URL=" + pg.jdbcUrl(), "POSTGRES_USER=" + pg.user(), "POSTGRES_PASSWORD=" + pg.password(),
                    "CHDB_PID=" + ch.pid()) + "\n");
            Files.move(temp, settings);
            System.out.println("engines ready");
            while (System.in.read() >= 0) {
                // runs until the benchmark that started it closes our standard input (or dies)
            }
        }
    }
}
