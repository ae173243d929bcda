package jobs;

import pipeline.PollInterval;


import javax.sql.DataSource;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

import lotus.LotusClient;
import storage.ClickHouseAccess;

/**
 * Binds the indexing jobs and the indexer's bookkeeping beans ({@code indexingJobs},
 * {@code indexBatch}, …) from the engines' beans ({@code clickHouse}, {@code postgresDataSource},
 * {@code kafkaBrokers}, {@code lotusClient}) and the {@code filflow.heights.*}/{@code filflow.jobs.*}
 * properties. The heights topic is created here, before any route (and so any consumer) starts.
 */
@Configuration
public class JobsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        ClickHouseAccess clickHouse = registry.lookupByNameAndType("clickHouse", ClickHouseAccess.class);
        DataSource postgres = registry.lookupByNameAndType("postgresDataSource", DataSource.class);
        String brokers = registry.lookupByNameAndType("kafkaBrokers", String.class);
        LotusClient lotus = registry.lookupByNameAndType("lotusClient", LotusClient.class);
        Properties p = new Properties(context);
        if (p.text("filflow.heights.max-poll-interval-ms").isBlank()) {
            long interval = new PollInterval(p.integer("filflow.heights.max-poll-records"),
                    p.integer("filflow.pipeline.fetch-parallelism"), p.longValue("filflow.index.height-timeout-ms"),
                    p.longValue("filflow.pipeline.insert-timeout-seconds") * 1000, p.integer("filflow.index.retry.attempts"),
                    p.longValue("filflow.index.retry.backoff-ms")).millis();
            context.getPropertiesComponent().addOverrideProperty("filflow.heights.max-poll-interval-ms", Long.toString(interval));
        }

        HeightsTopic topic = new HeightsTopic(brokers, p.text("filflow.heights.topic"),
                p.integer("filflow.heights.partitions"), (short) p.integer("filflow.heights.replication-factor"),
                p.text("filflow.heights.group"));
        topic.ensure();
        HeightQueue queue = new HeightQueue(context.createProducerTemplate());
        JobStore store = new JobStore(postgres);
        ProcessingReports reports = new ProcessingReports(clickHouse.client());
        int inFlight = p.integer("filflow.jobs.in-flight");
        // a walk's ceiling: the node's head asked now, minus follow's confidence (works with follow off)
        int confidence = p.integer("filflow.jobs.follow.confidence");
        FollowJob follow = new FollowJob(new LotusNodeChain(lotus), store, topic,
                new StoredTipsets(clickHouse.client()),
                new FollowJob.Settings(p.longValue("filflow.jobs.follow.start-height"), inFlight,
                        p.integer("filflow.jobs.follow.reorg-window")));
        // walks get their share of the queue, follow the whole of it: follow stays near the head during a backfill
        WalkJob walk = new WalkJob(store, topic, Math.min(inFlight, p.integer("filflow.jobs.walk.in-flight")),
                () -> lotus.chainHead().height() - confidence);
        GapsJob gaps = new GapsJob(store, reports, topic, p.integer("filflow.jobs.gaps.max-per-run"));

        registry.bind("heightsTopic", topic);
        registry.bind("heightQueue", queue);
        SchedulerLease lease = new SchedulerLease(postgres);
        registry.bind("indexingJobs", new IndexingJobs(follow, walk, gaps, queue, reports, null, lease::held));
        context.addService(new Closer(topic, lease));
        // an attempt lasts at most a batch at its worst (the poll interval): a shorter grace could delete a running one
        long grace = Math.max(p.longValue("filflow.cleanup.grace-ms"), p.longValue("filflow.heights.max-poll-interval-ms"));
        registry.bind("attemptCleanup", new AttemptCleanup(clickHouse.client(), java.time.Duration.ofMillis(grace),
                p.longValue("filflow.cleanup.heights-per-step"), lease::held,
                registry.lookupByNameAndType("meterRegistry", io.micrometer.core.instrument.MeterRegistry.class)));
        registry.bind("indexBatch", new IndexBatch(reports, context.createProducerTemplate(),
                "direct:index-heights", clickHouse.versionClock(),
                registry.lookupByNameAndType("meterRegistry", io.micrometer.core.instrument.MeterRegistry.class)));
    }

    /** Closes the Kafka clients when the context stops. */
    private static final class Closer extends ServiceSupport {
        private final AutoCloseable[] clients;

        Closer(AutoCloseable... clients) {
            this.clients = clients;
        }

        @Override
        protected void doStop() throws Exception {
            for (AutoCloseable c : clients) {
                c.close();
            }
        }
    }

    /** Typed reads of resolved property placeholders. */
    private record Properties(CamelContext context) {
        String text(String key) {
            return context.resolvePropertyPlaceholders("{{" + key + "}}");
        }

        int integer(String key) {
            return Integer.parseInt(text(key).trim());
        }

        long longValue(String key) {
            return Long.parseLong(text(key).trim());
        }
    }
}
