package monitor;

import api.ExplorerApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import jobs.HeightsTopic;
import jobs.IndexingJobs;
import observe.CacheMeters;
import observe.ExchangeMeters;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import pipeline.ActorCache;

/**
 * Binds the beans of {@code routes/observe.camel.yaml} and {@code routes/alerts.camel.yaml}
 * ({@code indexingMonitor}, {@code progressLog}, {@code alertRules}) from the jobs' beans and the
 * {@code filflow.observe.*}/{@code filflow.alerts.*} properties, meters the API and the listener
 * from Camel's exchange events, and publishes the caches' hit rates. The beans are made when a
 * route first asks for them (lazy): the jobs' beans they take are bound by another configuration.
 */
@Configuration
public class MonitorConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public IndexingMonitor indexingMonitor(@BeanInject("indexingJobs") IndexingJobs jobs,
            @BeanInject("heightsTopic") HeightsTopic topic, @BeanInject("meterRegistry") MeterRegistry meters,
            @PropertyInject("filflow.jobs.follow.enabled") boolean followEnabled,
            @PropertyInject("filflow.alerts.failing-window-ms") long failingWindowMs) {
        return new IndexingMonitor(jobs, topic, followEnabled, Duration.ofMillis(failingWindowMs), meters, Clock.systemUTC());
    }

    @BindToRegistry(lazy = true)
    public ProgressLog progressLog(@BeanInject("indexingJobs") IndexingJobs jobs) {
        return new ProgressLog(jobs);
    }

    @BindToRegistry(lazy = true)
    public AlertRules alertRules(@BeanInject("meterRegistry") MeterRegistry meters,
            @PropertyInject("filflow.alerts.max-lag") long maxLag, @PropertyInject("filflow.alerts.max-gaps") long maxGaps,
            @PropertyInject("filflow.alerts.max-failing") long maxFailing,
            @PropertyInject("filflow.alerts.failing-window-ms") long failingWindowMs,
            @PropertyInject("filflow.alerts.stall-after-ms") long stallAfterMs,
            @PropertyInject("filflow.alerts.pending-ms") long pendingMs) {
        return new AlertRules(new AlertRules.Thresholds(maxLag, maxGaps, maxFailing, Duration.ofMillis(failingWindowMs),
                Duration.ofMillis(stallAfterMs), Duration.ofMillis(pendingMs)), meters);
    }

    /** Meters that hook into what other configurations bound: exchange events, the caches. */
    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        MeterRegistry meters = registry.lookupByNameAndType("meterRegistry", MeterRegistry.class);
        context.getManagementStrategy().addEventNotifier(new ExchangeMeters(meters));
        ExplorerApi api = registry.lookupByNameAndType("explorerApi", ExplorerApi.class);
        if (api != null) {
            CacheMeters.register(meters, "api_answers", api.cache().entries());
        }
        ActorCache actors = registry.lookupByNameAndType("actorCache", ActorCache.class);
        if (actors != null) {
            actors.caches().forEach((name, cache) -> CacheMeters.register(meters, name, cache));
        }
    }
}
