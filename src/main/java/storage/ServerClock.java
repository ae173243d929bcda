package storage;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock versions are taken from ({@code indexed_at} of an indexing attempt, a report's
 * {@code finished_at}, a contract's {@code version}): ClickHouse's clock, the one every instance
 * shares, instead of the host's. The latest version wins in a ReplacingMergeTree, so a host whose
 * clock lags would otherwise lose its newer writes to an older attempt of another host. The offset to
 * the server is measured at most once per {@code resync}; between measurements the local clock
 * advances it, and the instants handed out strictly increase within the process.
 */
public final class ServerClock extends Clock {
    private static final Logger LOG = LoggerFactory.getLogger(ServerClock.class);

    private final Client client;
    private final Clock local;
    private final long resyncNanos;
    private final AtomicLong lastMicros = new AtomicLong(Long.MIN_VALUE);
    private volatile long offsetMicros;
    private volatile long syncedAt;
    private volatile boolean synced;

    public ServerClock(Client client, Clock local, Duration resync) {
        this.client = client;
        this.local = local;
        this.resyncNanos = resync.toNanos();
    }

    /** Offset between the server's clock and the local one, in microseconds (measured now if due). */
    public long offsetMicros() {
        if (!synced || System.nanoTime() - syncedAt >= resyncNanos) {
            sync();
        }
        return offsetMicros;
    }

    private synchronized void sync() {
        if (synced && System.nanoTime() - syncedAt < resyncNanos) {
            return;
        }
        try {
            long before = micros(local.instant());
            List<GenericRecord> rows = client.queryAll("SELECT toUnixTimestamp64Micro(now64(6)) AS t");
            long after = micros(local.instant());
            offsetMicros = rows.get(0).getLong("t") - (before + after) / 2;
            synced = true;
        } catch (RuntimeException e) {
            // ClickHouse unreachable: keep the last offset (the write that needs the version fails anyway)
            LOG.debug("cannot read ClickHouse's clock: {}", e.getMessage());
        }
        syncedAt = System.nanoTime();
    }

    @Override
    public Instant instant() {
        long now = micros(local.instant()) + offsetMicros();
        long v = lastMicros.updateAndGet(last -> Math.max(last + 1, now));
        return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("versions are UTC");
    }

    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }
}
