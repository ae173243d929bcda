package jobs;

import filflow.ClosesWithContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import lotus.LotusClient;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import pipeline.PollInterval;
import storage.ClickHouseAccess;

/**
 * Binds the indexing jobs and the indexer's bookkeeping beans ({@code indexingJobs},
 * {@code indexBatch}, {@code heightQueue}, {@code heightsTopic}, {@code attemptCleanup}, …) from the engines' beans
 * ({@code clickHouse}, {@code postgresDataSource}, {@code kafkaBrokers}, {@code lotusClient}) and the
 * {@code filflow.heights.*}/{@code filflow.jobs.*} properties. The beans are made when a route first
 * asks for them (lazy): the engines' beans they take are bound by
 * {@code filflow.FilflowConfiguration#configure}, after this class was read. The heights topic is
 * created before any route (and so any consumer) starts.
 */
@Configuration
public class JobsConfiguration implements CamelConfiguration {
    private static final String MAX_POLL_INTERVAL = "filflow.heights.max-poll-interval-ms";

    @PropertyInject(MAX_POLL_INTERVAL)
    String maxPollInterval;
    @PropertyInject("filflow.heights.max-poll-records")
    int maxPollRecords;
    @PropertyInject("filflow.pipeline.fetch-parallelism")
    int fetchParallelism;
    @PropertyInject("filflow.index.height-timeout-ms")
    long heightTimeoutMs;
    @PropertyInject("filflow.pipeline.insert-timeout-seconds")
    long insertTimeoutSeconds;
    @PropertyInject("filflow.index.retry.attempts")
    int retryAttempts;
    @PropertyInject("filflow.index.retry.backoff-ms")
    long retryBackoffMs;

    @BindToRegistry(lazy = true)
    public HeightsTopic heightsTopic(CamelContext context, @BeanInject("kafkaBrokers") String brokers,
            @PropertyInject("filflow.heights.topic") String topic, @PropertyInject("filflow.heights.partitions") int partitions,
            @PropertyInject("filflow.heights.replication-factor") short replication,
            @PropertyInject("filflow.heights.group") String group) throws Exception {
        HeightsTopic heights = new HeightsTopic(brokers, topic, partitions, replication, group);
        context.addService(new ClosesWithContext(heights));
        return heights;
    }

    @BindToRegistry(lazy = true)
    public HeightQueue heightQueue(CamelContext context) {
        return new HeightQueue(context.createProducerTemplate());
    }

    @BindToRegistry(lazy = true)
    public ProcessingReports processingReports(@BeanInject("clickHouse") ClickHouseAccess clickHouse) {
        return new ProcessingReports(clickHouse.client());
    }

    @BindToRegistry(lazy = true)
    public IndexingJobs indexingJobs(CamelContext context, @BeanInject("clickHouse") ClickHouseAccess clickHouse,
            @BeanInject("postgresDataSource") DataSource postgres, @BeanInject("lotusClient") LotusClient lotus,
            @BeanInject("heightsTopic") HeightsTopic topic, @BeanInject("heightQueue") HeightQueue queue,
            @BeanInject("processingReports") ProcessingReports reports, @BeanInject("schedulerLease") SchedulerLease lease,
            @PropertyInject("filflow.jobs.in-flight") int inFlight,
            @PropertyInject("filflow.jobs.follow.confidence") int confidence,
            @PropertyInject("filflow.jobs.follow.start-height") long followStart,
            @PropertyInject("filflow.jobs.follow.reorg-window") int reorgWindow,
            @PropertyInject("filflow.jobs.walk.in-flight") int walkInFlight,
            @PropertyInject("filflow.jobs.gaps.max-per-run") int gapsPerRun) throws Exception {
        JobStore store = new JobStore(postgres);
        FollowJob follow = new FollowJob(new LotusNodeChain(lotus), store, topic, new StoredTipsets(clickHouse.client()),
                new FollowJob.Settings(followStart, inFlight, reorgWindow));
        // walks get their share of the queue, follow the whole of it: follow stays near the head during a backfill;
        // a walk's ceiling: the node's head asked now, minus follow's confidence (works with follow off)
        WalkJob walk = new WalkJob(store, topic, Math.min(inFlight, walkInFlight), () -> lotus.chainHead().height() - confidence);
        GapsJob gaps = new GapsJob(store, reports, topic, gapsPerRun);
        return new IndexingJobs(follow, walk, gaps, queue, reports, null, lease::held);
    }

    /** One instance runs follow, walk, gaps and the cleanup: the one holding this lock. */
    @BindToRegistry(lazy = true)
    public SchedulerLease schedulerLease(CamelContext context, @BeanInject("postgresDataSource") DataSource postgres)
            throws Exception {
        SchedulerLease lease = new SchedulerLease(postgres);
        context.addService(new ClosesWithContext(lease));
        return lease;
    }

    /** The bean of route {@code cleanup-attempts}. */
    @BindToRegistry(lazy = true)
    public AttemptCleanup attemptCleanup(@BeanInject("clickHouse") ClickHouseAccess clickHouse,
            @BeanInject("schedulerLease") SchedulerLease lease, @BeanInject("meterRegistry") MeterRegistry meters,
            @PropertyInject("filflow.cleanup.grace-ms") long graceMs,
            @PropertyInject(MAX_POLL_INTERVAL) long maxPollIntervalMs,
            @PropertyInject("filflow.cleanup.heights-per-step") long heightsPerStep) {
        // an attempt lasts at most a batch at its worst (the poll interval): a shorter grace could delete a running one
        Duration grace = Duration.ofMillis(Math.max(graceMs, maxPollIntervalMs));
        return new AttemptCleanup(clickHouse.client(), grace, heightsPerStep, lease::held, meters);
    }

    @BindToRegistry(lazy = true)
    public IndexBatch indexBatch(CamelContext context, @BeanInject("clickHouse") ClickHouseAccess clickHouse,
            @BeanInject("processingReports") ProcessingReports reports, @BeanInject("meterRegistry") MeterRegistry meters) {
        return new IndexBatch(reports, context.createProducerTemplate(), "direct:index-heights",
                clickHouse.versionClock(), meters);
    }

    @Override
    public void configure(CamelContext context) {
        if (maxPollInterval == null || maxPollInterval.isBlank()) {
            long interval = new PollInterval(maxPollRecords, fetchParallelism, heightTimeoutMs, insertTimeoutSeconds * 1000,
                    retryAttempts, retryBackoffMs).millis();
            context.getPropertiesComponent().addOverrideProperty(MAX_POLL_INTERVAL, Long.toString(interval));
        }
        // made now, not when a route first asks: the consumer of index-consume must find the topic when it starts
        context.getRegistry().lookupByNameAndType("heightsTopic", HeightsTopic.class).ensure();
    }
}
