package monitor;

import api.ExplorerApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import jobs.HeightsTopic;
import jobs.IndexingJobs;
import observe.CacheMeters;
import observe.ExchangeMeters;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.Registry;
import pipeline.ActorCache;

/**
 * Binds the beans of {@code routes/observe.camel.yaml} and {@code routes/alerts.camel.yaml}
 * ({@code indexingMonitor}, {@code progressLog}, {@code alertRules}) from the jobs' beans and the
 * {@code filflow.observe.*}/{@code filflow.alerts.*} properties, meters the API and the listener
 * from Camel's exchange events, and publishes the caches' hit rates.
 */
@Configuration
public class MonitorConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
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

        IndexingJobs jobs = registry.lookupByNameAndType("indexingJobs", IndexingJobs.class);
        HeightsTopic topic = registry.lookupByNameAndType("heightsTopic", HeightsTopic.class);
        Duration failingWindow = millis(context, "filflow.alerts.failing-window-ms");
        registry.bind("indexingMonitor", new IndexingMonitor(jobs, topic,
                Boolean.parseBoolean(text(context, "filflow.jobs.follow.enabled")), failingWindow, meters,
                Clock.systemUTC()));
        registry.bind("progressLog", new ProgressLog(jobs));
        registry.bind("alertRules", new AlertRules(new AlertRules.Thresholds(
                number(context, "filflow.alerts.max-lag"), number(context, "filflow.alerts.max-gaps"),
                number(context, "filflow.alerts.max-failing"), failingWindow,
                millis(context, "filflow.alerts.stall-after-ms"), millis(context, "filflow.alerts.pending-ms")), meters));
    }

    private static String text(CamelContext context, String key) {
        return context.resolvePropertyPlaceholders("{{" + key + "}}").trim();
    }

    private static long number(CamelContext context, String key) {
        return Long.parseLong(text(context, key));
    }

    private static Duration millis(CamelContext context, String key) {
        return Duration.ofMillis(number(context, key));
    }
}
