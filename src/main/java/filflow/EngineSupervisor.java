package filflow;

import embedded.SupervisedEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded engines alive: every second it looks whether each one's process still runs,
 * and restarts a dead one on the same data (same port, same credentials, so every client carries
 * on), with exponential backoff, logging it and counting it in {@code filflow.engine.restarts}.
 * Work that failed meanwhile is retried by the indexer and refilled by the gaps job. An engine that
 * cannot be brought back within {@code maxAttempts} tries is not left half-dead behind a running
 * application: {@code giveUp} is told why (the application then exits with that message).
 */
public final class EngineSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineSupervisor.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final List<SupervisedEngine> engines;
    private final MeterRegistry meters;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Consumer<String> giveUp;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "engine-supervisor");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public EngineSupervisor(List<SupervisedEngine> engines, MeterRegistry meters, int maxAttempts,
            Duration initialBackoff, Duration maxBackoff, Consumer<String> giveUp) {
        this.engines = List.copyOf(engines);
        this.meters = meters;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.giveUp = giveUp;
        for (SupervisedEngine e : this.engines) {
            restarts(e);
        }
    }

    public EngineSupervisor start() {
        timer.scheduleWithFixedDelay(this::checkAll, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkAll() {
        for (SupervisedEngine engine : engines) {
            if (closed) {
                return;
            }
            // anything thrown out of here would cancel the timer's task: supervision would end for good, silently
            try {
                if (!engine.alive()) {
                    bringBack(engine);
                }
            } catch (Throwable t) {
                LOG.error("supervising embedded {} failed this check; the next check tries again", engine.name(), t);
            }
        }
    }

    private void bringBack(SupervisedEngine engine) {
        LOG.warn("embedded {} is gone; restarting it on the same data", engine.name());
        long backoff = initialBackoff.toMillis();
        for (int attempt = 1; attempt <= maxAttempts && !closed; attempt++) {
            try {
                engine.restart();
                restarts(engine).increment();
                LOG.warn("embedded {} restarted (attempt {}); indexing carries on", engine.name(), attempt);
                return;
            } catch (RuntimeException e) {
                LOG.warn("embedded {} did not restart (attempt {} of {}): {}", engine.name(), attempt, maxAttempts,
                        Redact.text(String.valueOf(e.getMessage())));
                if (attempt == maxAttempts) {
                    giveUp.accept("embedded " + engine.name() + " died and could not be restarted after " + maxAttempts
                            + " attempts (" + Redact.text(String.valueOf(e.getMessage())) + "); filflow stops rather than "
                            + "serve without it");
                    closed = true;
                    return;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    private Counter restarts(SupervisedEngine engine) {
        return Counter.builder("filflow.engine.restarts").tag("engine", engine.name())
                .description("restarts of an embedded engine whose process died").register(meters);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
