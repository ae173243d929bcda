package monitor;

import filflow.Redact;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import jobs.HeightsTopic;
import jobs.IndexingJobs;
import jobs.IndexingStatus;
import observe.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the indexing (route {@code observe-sample}) into the gauges of {@link Meters} —
 * head, indexed height, lag, gaps, failing heights, queue depth, follow stalled — and hands the
 * sample on to the alerts. Sampling on a timer, not on every scrape, keeps the status queries off
 * Prometheus's schedule.
 */
public final class IndexingMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(IndexingMonitor.class);

    private final IndexingJobs jobs;
    private final HeightsTopic topic;
    private final boolean following;
    private final Duration failingWindow;
    private final Clock clock;
    private final Counter errors;
    private volatile IndexingSample latest;
    private Long lastIndexed;
    private Instant lastAdvance;

    public IndexingMonitor(IndexingJobs jobs, HeightsTopic topic, boolean following, Duration failingWindow,
                           MeterRegistry meters, Clock clock) {
        this.jobs = jobs;
        this.topic = topic;
        this.following = following;
        this.failingWindow = failingWindow;
        this.clock = clock;
        this.lastAdvance = clock.instant();
        this.latest = new IndexingSample(lastAdvance, null, null, null, 0, 0, 0, following, 0, "not sampled yet");
        this.errors = Counter.builder(Meters.SAMPLE_ERRORS).description("indexing samples that failed")
                .register(meters);
        gauge(meters, Meters.HEAD_HEIGHT, "the node's head height as follow last saw it", s -> orNaN(s.head()));
        gauge(meters, Meters.INDEXED_HEIGHT, "the highest height indexed successfully", s -> orNaN(s.indexed()));
        gauge(meters, Meters.LAG, "heights between the head and the indexed height", s -> orNaN(s.lag()));
        gauge(meters, Meters.GAPS, "heights missing or whose latest attempt failed", IndexingSample::gaps);
        gauge(meters, Meters.FAILING, "heights that failed within the failing window", IndexingSample::failing);
        gauge(meters, Meters.QUEUE_DEPTH, "work items not yet consumed by the indexer (consumer lag)",
                IndexingSample::queueDepth);
        gauge(meters, Meters.FOLLOW_STALLED, "seconds the indexed height has not advanced while follow runs",
                IndexingSample::stalledSeconds);
    }

    /** Takes a sample now; never throws (a failure is in the sample's {@code error}). */
    public synchronized IndexingSample sample() {
        Instant now = clock.instant();
        IndexingSample previous = latest;
        IndexingSample next;
        try {
            IndexingStatus status = jobs.status();
            long failing = jobs.failingHeights(failingWindow);
            long depth = topic.backlog();
            if (!Objects.equals(status.indexedHeight(), lastIndexed)) {
                lastIndexed = status.indexedHeight();
                lastAdvance = now;
            }
            long stalled = following ? Duration.between(lastAdvance, now).toSeconds() : 0;
            next = new IndexingSample(now, status.head(), status.indexedHeight(), status.lag(), status.gaps(), failing,
                    depth, following, stalled, null);
        } catch (RuntimeException e) {
            errors.increment();
            String why = e.getClass().getSimpleName() + ": " + Redact.text(String.valueOf(e.getMessage()));
            LOG.warn("Cannot sample the indexing (gauges keep their last values): {}", why);
            next = new IndexingSample(now, previous.head(), previous.indexed(), previous.lag(), previous.gaps(),
                    previous.failing(), previous.queueDepth(), following, previous.stalledSeconds(), why);
        }
        latest = next;
        return next;
    }

    public IndexingSample latest() {
        return latest;
    }

    private void gauge(MeterRegistry meters, String name, String description, ToDoubleFunction<IndexingSample> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.latest)).description(description).register(meters);
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }
}
