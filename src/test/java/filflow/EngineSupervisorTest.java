package filflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import embedded.SupervisedEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 13: supervision outlives a restart that fails with an {@link Error} (a thread
 * that cannot be created under load, a class that cannot be loaded). Before, the error cancelled
 * the supervisor's timer task: no engine was ever checked again, silently. The engine here is an
 * in-memory process stand-in; {@link EngineSupervisionTest} restarts the real ones.
 */
class EngineSupervisorTest {
    @Test
    void aRestartThatThrowsAnErrorDoesNotEndSupervision() {
        DeadEngine engine = new DeadEngine();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (EngineSupervisor supervisor = new EngineSupervisor(List.of(engine), meters, 3, Duration.ofMillis(10),
                Duration.ofMillis(10), reason -> { throw new AssertionError("gave up: " + reason); }).start()) {
            await().atMost(Duration.ofMinutes(1)).until(() -> engine.alive);
            assertThat(engine.restarts.get()).as("the failed restart, then the one that worked").isEqualTo(2);
            assertThat(meters.counter("filflow.engine.restarts", "engine", "stand-in").count()).isEqualTo(1.0);
        }
    }

    /** Dead from the start; its first restart throws an Error, the second brings it back. */
    private static final class DeadEngine implements SupervisedEngine {
        final AtomicInteger restarts = new AtomicInteger();
        volatile boolean alive;

        @Override
        public String name() {
            return "stand-in";
        }

        @Override
        public boolean alive() {
            return alive;
        }

        @Override
        public void restart() {
            if (restarts.incrementAndGet() == 1) {
                throw new OutOfMemoryError("unable to create native thread");
            }
            alive = true;
        }

        @Override
        public void close() {
            alive = false;
        }
    }
}
