package contracts;

import java.time.Clock;
import lotus.LotusClient;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.Registry;
import pipeline.NewContractTopic;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;

/**
 * Binds {@code contractListener} (the steps of route {@code contracts-listen}) from the engines'
 * beans ({@code lotusClient}, {@code clickHouse}, {@code kafkaBrokers}) and makes sure the topic
 * it reads and its dead-letter topic exist before the route starts.
 */
@Configuration
public class ContractsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        LotusClient lotus = registry.lookupByNameAndType("lotusClient", LotusClient.class);
        ClickHouseAccess clickHouse = registry.lookupByNameAndType("clickHouse", ClickHouseAccess.class);
        String brokers = registry.lookupByNameAndType("kafkaBrokers", String.class);
        if (Boolean.parseBoolean(text(context, "filflow.contracts.enabled"))) {
            short replication = (short) integer(context, "filflow.pipeline.new-contract.replication-factor");
            int partitions = integer(context, "filflow.pipeline.new-contract.partitions");
            NewContractTopic.ensure(brokers, text(context, "filflow.contracts.topic"), partitions, replication);
            NewContractTopic.ensure(brokers, text(context, "filflow.contracts.dlq-topic"), partitions, replication);
        }
        registry.bind("contractListener", new ContractListener(lotus, new ClickHouseRowWriter(clickHouse.client(),
                integer(context, "filflow.contracts.insert-timeout-seconds")), Clock.systemUTC(),
                integer(context, "filflow.contracts.retry.max-attempts")));
    }

    private static String text(CamelContext context, String key) {
        return context.resolvePropertyPlaceholders("{{" + key + "}}");
    }

    private static int integer(CamelContext context, String key) {
        return Integer.parseInt(text(context, key).trim());
    }
}
