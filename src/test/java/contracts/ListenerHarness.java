package contracts;

import java.util.Properties;
import lotus.LotusClient;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import routes.ContractsErrorsConfiguration;
import storage.ClickHouseAccess;
import testsupport.SharedEngines;

/**
 * A Camel context running the real listener route ({@code contracts-listen.camel.yaml}), its route
 * configuration and {@link ContractsConfiguration} on the shared broker and the given ClickHouse
 * database and Lotus node. One harness is one listener instance of the consumer group.
 */
final class ListenerHarness implements AutoCloseable {
    final CamelContext context;

    ListenerHarness(ClickHouseAccess clickHouse, LotusClient lotus, String topic, String group) throws Exception {
        context = new DefaultCamelContext();
        Properties overrides = new Properties();
        overrides.setProperty("filflow.contracts.topic", topic);
        overrides.setProperty("filflow.contracts.dlq-topic", topic + ".dlq");
        overrides.setProperty("filflow.contracts.group", group);
        overrides.setProperty("filflow.contracts.poll-timeout-ms", "200");
        overrides.setProperty("filflow.contracts.retry.backoff-ms", "50");
        overrides.setProperty("filflow.contracts.retry.max-backoff-ms", "400");
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        context.getRegistry().bind("clickHouse", clickHouse);
        context.getRegistry().bind("kafkaBrokers", SharedEngines.kafkaBrokers());
        context.getRegistry().bind("lotusClient", lotus);
        context.getComponent("kafka", KafkaComponent.class).getConfiguration().setBrokers(SharedEngines.kafkaBrokers());
        testsupport.Configurations.apply(context, new ContractsConfiguration());
        context.addRoutesConfigurations(new ContractsErrorsConfiguration());
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/contracts-listen.camel.yaml"));
    }

    ListenerHarness start() {
        context.start();
        return this;
    }

    @Override
    public void close() {
        context.stop();
    }
}
