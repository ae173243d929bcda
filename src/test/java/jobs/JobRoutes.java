package jobs;

import java.util.Properties;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

import routes.JobsErrorsConfiguration;

/**
 * A Camel context running the real work-queue producer ({@code queue-heights.camel.yaml}) on the
 * real broker and, with jobs, the real job routes ({@code jobs.camel.yaml}) whose timers are
 * replaced by {@code direct:} endpoints (the follow route's Kamelet too) so a test fires one tick at a time.
 */
final class JobRoutes implements AutoCloseable {
    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template;
    private final HeightQueue queue;

    private JobRoutes(String brokers, String topic, Function<HeightQueue, IndexingJobs> jobs) throws Exception {
        Properties props = new Properties();
        // the application's defaults first (every placeholder of the route files has one there), then the test's
        try (var defaults = JobRoutes.class.getResourceAsStream("/application.properties")) {
            props.load(defaults);
        }
        props.put("filflow.heights.topic", topic);
        props.put("filflow.jobs.follow.enabled", "true");
        props.put("filflow.jobs.gaps.enabled", "true");
        props.put("filflow.jobs.follow.period-ms", "3600000");
        props.put("filflow.jobs.walk.period-ms", "3600000");
        props.put("filflow.jobs.gaps.period-ms", "3600000");
        props.put("filflow.jobs.walk.range", "");
        props.put("filflow.jobs.index.heights", "");
        // the cleanup has a test of its own (AttemptCleanupTest); its bean is not bound here
        props.put("filflow.cleanup.enabled", "false");
        context.getPropertiesComponent().setInitialProperties(props);
        context.getComponent("kafka", KafkaComponent.class).getConfiguration().setBrokers(brokers);
        template = context.createProducerTemplate();
        queue = new HeightQueue(template);
        context.getRegistry().bind("heightQueue", queue);
        load("queue-heights");
        if (jobs != null) {
            context.getRegistry().bind("indexingJobs", jobs.apply(queue));
            context.addRoutesConfigurations(new JobsErrorsConfiguration());
            load("jobs");
            for (String route : new String[] {"follow-chain", "walk-ranges", "fill-gaps", "configured-jobs"}) {
                AdviceWith.adviceWith(context, route, a -> a.replaceFromWith("direct:" + route));
            }
        }
        context.start();
    }

    private void load(String file) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/" + file + ".camel.yaml"));
    }

    /** Only the work-queue producer. */
    static JobRoutes queue(String brokers, String topic) throws Exception {
        return new JobRoutes(brokers, topic, null);
    }

    /** The job routes over the jobs the function builds around the route-backed queue. */
    static JobRoutes jobs(String brokers, String topic, Function<HeightQueue, IndexingJobs> jobs) throws Exception {
        return new JobRoutes(brokers, topic, jobs);
    }

    HeightQueue queue() {
        return queue;
    }

    /** One tick of a job route ({@code follow-chain}, {@code walk-ranges}, {@code fill-gaps}): what it handed over, or null if it failed. */
    Handover tick(String route) {
        Object body = template.requestBody("direct:" + route, (Object) null);
        // a failed tick (handled by `jobs-errors`) ends with whatever body the failing step left
        return body instanceof Handover handover ? handover : null;
    }

    /** One tick of {@code follow-chain} for a head as Kamelet lotus-head-source emits it. */
    Handover follow(lotus.TipSet head, int confidence) {
        Object body = template.requestBodyAndHeader("direct:follow-chain", head,
                IndexingJobs.CONFIRMED_HEIGHT, head.height() - confidence);
        return body instanceof Handover handover ? handover : null;
    }

    @Override
    public void close() {
        context.stop();
    }
}
