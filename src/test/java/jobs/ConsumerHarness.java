package jobs;

import java.time.Clock;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

import routes.IndexErrorsConfiguration;
import storage.ClickHouseAccess;

/**
 * A Camel context running the real indexer route ({@code index-consume.camel.yaml}) and its route
 * configuration on the real broker and ClickHouse, with {@code direct:index-heights} served by the
 * given bean. One harness is one pipeline instance of the consumer group.
 */
final class ConsumerHarness implements AutoCloseable {
    final CamelContext context;

    ConsumerHarness(String brokers, ClickHouseAccess clickHouse, String topic, String group,
                    Object pipeline, Properties overrides) throws Exception {
        context = new DefaultCamelContext();
        Properties props = new Properties();
        props.put("filflow.heights.topic", topic);
        props.put("filflow.heights.group", group);
        props.put("filflow.heights.consumers", "1");
        props.put("filflow.heights.max-poll-records", "10");
        props.put("filflow.heights.poll-timeout-ms", "200");
        props.put("filflow.heights.session-timeout-ms", "6000");
        props.put("filflow.heights.max-poll-interval-ms", "300000");
        props.put("filflow.index.retry.attempts", "3");
        props.put("filflow.index.retry.backoff-ms", "20");
        props.put("filflow.index.retry.max-backoff-ms", "200");
        props.putAll(overrides);
        context.getPropertiesComponent().setInitialProperties(props);
        context.getComponent("kafka", KafkaComponent.class).getConfiguration().setBrokers(brokers);
        context.getRegistry().bind("pipelineUnderTest", pipeline);
        context.getRegistry().bind("indexBatch", new IndexBatch(new ProcessingReports(clickHouse.client()),
                context.createProducerTemplate(), "direct:index-heights", Clock.systemUTC(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        context.addRoutesConfigurations(new IndexErrorsConfiguration());
        context.addRoutes(new PipelineStandIn());
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/index-consume.camel.yaml"));
    }

    ConsumerHarness start() {
        context.start();
        return this;
    }

    @Override
    public void close() {
        context.stop();
    }

    static final class PipelineStandIn extends RouteBuilder {
        @Override
        public void configure() {
            from("direct:index-heights").routeId("index-heights").bean("pipelineUnderTest", "index");
        }
    }
}
