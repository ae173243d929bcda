package jobs;

import filflow.Redact;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import pipeline.HeightResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import observe.Meters;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of the work queue, step by step as {@code index-consume.camel.yaml} calls it:
 * {@link #open} turns a Kafka poll batch into heights, the route sends them to
 * {@code direct:index-heights}, {@link #settle} writes the processing reports (and on each
 * redelivery indexes the failed heights again), {@link #recordGaps} reports what never succeeded,
 * and {@link #commit} commits the offsets — only after every report is written. Every height's
 * final outcome is counted by indexing job and status ({@link Meters#HEIGHTS_INDEXED}).
 */
public final class IndexBatch {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBatch.class);
    static final String RECORDS = "filflow.records";
    static final String PENDING = "filflow.pendingHeights";
    static final String STARTED = "filflow.startedAt";
    static final String ATTEMPT = "filflow.attempt";
    /** Which job enqueued each height of the batch (the first, if several did). */
    static final String JOBS = "filflow.jobs";
    private static final long GAPS_BACKOFF_INITIAL_MS = 100;
    private static final long GAPS_BACKOFF_MAX_MS = 5_000;

    private final ProcessingReports reports;
    private final ProducerTemplate producer;
    private final String indexEndpoint;
    private final Clock clock;
    private final MeterRegistry meters;

    public IndexBatch(ProcessingReports reports, ProducerTemplate producer, String indexEndpoint, Clock clock,
                      MeterRegistry meters) {
        this.reports = reports;
        this.producer = producer;
        this.indexEndpoint = indexEndpoint;
        this.clock = clock;
        this.meters = meters;
    }

    /** Body {@code List<Exchange>} (one record each) → body {@code List<Long>}, distinct and ascending. */
    public List<Long> open(Exchange batch) {
        List<?> records = batch.getMessage().getBody(List.class);
        TreeSet<Long> heights = new TreeSet<>();
        Map<Long, String> jobs = new HashMap<>();
        for (Object r : records) {
            Exchange record = (Exchange) r;
            String value = record.getMessage().getBody(String.class);
            try {
                WorkItem item = WorkItem.fromJson(value);
                heights.add(item.height());
                jobs.putIfAbsent(item.height(), item.job());
            } catch (IllegalArgumentException e) {
                // not a height at all: nothing to index or report; retrying would stall the partition
                LOG.warn("Skipping a record that is not a work item (partition {}, offset {}): {}",
                        record.getMessage().getHeader(KafkaConstants.PARTITION),
                        record.getMessage().getHeader(KafkaConstants.OFFSET), e.getMessage());
            }
        }
        batch.setProperty(RECORDS, records);
        batch.setProperty(JOBS, jobs);
        batch.setProperty(STARTED, clock.instant());
        List<Long> list = new ArrayList<>(heights);
        batch.setProperty(PENDING, list);
        return list;
    }

    /**
     * Writes reports for the heights that succeeded and throws {@link HeightsFailedException} for
     * the rest. On a redelivery (every call after the first) it first indexes the still-pending
     * heights again.
     */
    public void settle(Exchange exchange) {
        int attempt = 1 + exchange.getProperty(ATTEMPT, 0, Integer.class);
        exchange.setProperty(ATTEMPT, attempt);
        List<HeightResult> results;
        if (attempt == 1) {
            results = resultsOf(exchange.getMessage().getBody(List.class));
        } else {
            List<Long> pending = pending(exchange);
            LOG.info("Attempt {} for {} heights, first {}", attempt, pending.size(), pending.get(0));
            results = resultsOf(producer.requestBody(indexEndpoint, pending, List.class));
        }
        Instant started = exchange.getProperty(STARTED, Instant.class);
        List<ProcessingReport> done = new ArrayList<>();
        Map<Long, String> failed = new LinkedHashMap<>();
        for (HeightResult r : results) {
            if (r.succeeded()) {
                done.add(report(r, attempt, started));
            } else {
                failed.put(r.height(), describe(r.error()));
            }
        }
        reports.record(done);
        done.forEach(r -> count(exchange, r.height(), r.status()));
        List<Long> pending = new ArrayList<>(failed.keySet());
        exchange.setProperty(PENDING, pending);
        if (!failed.isEmpty()) {
            throw new HeightsFailedException(failed);
        }
    }

    /** Attempts are exhausted: the failed heights become reported gaps (status failed). */
    public void recordGaps(Exchange exchange) {
        HeightsFailedException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HeightsFailedException.class);
        int attempts = exchange.getProperty(ATTEMPT, Integer.class);
        Instant started = exchange.getProperty(STARTED, Instant.class);
        Instant now = clock.instant();
        List<ProcessingReport> gaps = new ArrayList<>();
        failure.errors().forEach((height, error) -> gaps.add(new ProcessingReport(height, "",
                ProcessingReport.Status.FAILED, "", attempts, started, now,
                Duration.between(started, now).toMillis(), Map.of(), error)));
        recordUntilWritten(exchange, gaps);
        gaps.forEach(r -> count(exchange, r.height(), r.status()));
        LOG.warn("Heights {} failed after {} attempts, recorded as gaps: {}", failure.heights(), attempts,
                failure.getMessage());
    }

    /**
     * The gaps must be stored before anything after them is committed: this runs inside the route's
     * error handler, where a failure would not be retried and the next batch's commit would move the
     * offsets past heights without a report. So it waits for ClickHouse, with capped backoff, and
     * gives up only when the application stops (then nothing of this batch is committed).
     */
    private void recordUntilWritten(Exchange exchange, List<ProcessingReport> gaps) {
        long backoff = GAPS_BACKOFF_INITIAL_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                reports.record(gaps);
                return;
            } catch (RuntimeException e) {
                if (exchange.getContext().isStopping() || exchange.getContext().isStopped()) {
                    throw e;
                }
                LOG.warn("Cannot record {} gaps yet (try {}), again in {} ms: {}", gaps.size(), attempt, backoff,
                        e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, GAPS_BACKOFF_MAX_MS);
            }
        }
    }

    /** Commits, per partition, the offset after the batch's last record of that partition. */
    public void commit(Exchange exchange) {
        List<?> records = exchange.getProperty(RECORDS, List.class);
        Map<Integer, Exchange> lastPerPartition = new HashMap<>();
        for (Object r : records) {
            Exchange record = (Exchange) r;
            int partition = record.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class);
            long offset = record.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
            Exchange seen = lastPerPartition.get(partition);
            if (seen == null || seen.getMessage().getHeader(KafkaConstants.OFFSET, Long.class) < offset) {
                lastPerPartition.put(partition, record);
            }
        }
        for (Exchange record : lastPerPartition.values()) {
            record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
        }
    }

    private void count(Exchange exchange, long height, ProcessingReport.Status status) {
        @SuppressWarnings("unchecked")
        Map<Long, String> jobs = exchange.getProperty(JOBS, Map.class);
        String job = jobs == null ? "unknown" : jobs.getOrDefault(height, "unknown");
        Counter.builder(Meters.HEIGHTS_INDEXED).description("heights whose processing ended, by indexing job and status")
                .tag("indexing_job", job).tag("status", status.sql()).register(meters).increment();
    }

    private static List<Long> pending(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Long> pending = exchange.getProperty(PENDING, List.class);
        return pending;
    }

    @SuppressWarnings("unchecked")
    private static List<HeightResult> resultsOf(Object body) {
        return (List<HeightResult>) body;
    }

    private ProcessingReport report(HeightResult r, int attempt, Instant started) {
        HeightResult.Counts c = r.counts();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("blocks", (long) c.blocks());
        counts.put("messages", (long) c.messages());
        counts.put("implicit_messages", (long) c.implicitMessages());
        counts.put("subcalls", (long) c.subcalls());
        counts.put("failed_messages", (long) c.failedMessages());
        counts.put("events", (long) c.events());
        counts.put("creations", (long) c.creations());
        Instant finished = clock.instant();
        return new ProcessingReport(r.height(), r.tipsetKey(),
                r.nullRound() ? ProcessingReport.Status.NULL_ROUND : ProcessingReport.Status.INDEXED,
                r.mode().label(), attempt, started, finished, r.durationMs(), counts, null);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + Redact.text(message));
    }
}
