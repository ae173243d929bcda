package contracts;

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
                integer(context, "filflow.contracts.insert-timeout-seconds"),
                registry.lookupByNameAndType("meterRegistry", io.micrometer.core.instrument.MeterRegistry.class)),
                clickHouse.versionClock(),
                integer(context, "filflow.contracts.retry.max-attempts")));
        javax.sql.DataSource postgres = registry.lookupByNameAndType("postgresDataSource", javax.sql.DataSource.class);
        if (postgres != null) {   // verification keeps its jobs and results in PostgreSQL; without it the endpoints say 503
            registry.bind("contractTools", developerTools(context, lotus, clickHouse, postgres));
        }
    }

    /** Verification (compiler cache, Node.js workers, PostgreSQL store), calls and limits for the developer endpoints. */
    private static ContractTools developerTools(CamelContext context, LotusClient lotus, ClickHouseAccess clickHouse,
                                                javax.sql.DataSource postgres)
            throws Exception {
        codec.address.Network network = codec.address.Network.ofPrefix(text(context, "lotus.network").trim().charAt(0));
        String chain = context.getPropertiesComponent().resolveProperty("filflow.contracts.chain-id").orElse("").trim();
        long chainId = chain.isEmpty() ? ContractTools.defaultChainId(network) : Long.parseLong(chain);
        var workers = new contracts.solc.CompilerWorkers(integer(context, "filflow.contracts.compiler.workers"),
                java.time.Duration.ofSeconds(integer(context, "filflow.contracts.compiler.timeout-seconds")),
                text(context, "filflow.contracts.compiler.node").trim());
        var store = new contracts.verify.VerificationStore(postgres);
        store.failAbandonedJobs();
        var verifier = new contracts.verify.Verifier(contracts.solc.SolcCache.standard(), workers,
                new contracts.verify.LotusChainCode(lotus, new contracts.verify.IndexedCreations(clickHouse.client())));
        var service = new contracts.verify.VerificationService(verifier, store, workers,
                integer(context, "filflow.contracts.compiler.queue"), 10);
        context.addService(new StopsWith(service), true, true);
        Uploaders uploaders = context.getRegistry().lookupByNameAndType("contractUploaders", Uploaders.class);
        return new ContractTools(service, lotus, chainId, network, integer(context, "filflow.contracts.max-source-bytes"),
                uploaders == null ? Uploaders.NONE : uploaders);
    }

    private static String text(CamelContext context, String key) {
        return context.resolvePropertyPlaceholders("{{" + key + "}}");
    }

    private static int integer(CamelContext context, String key) {
        return Integer.parseInt(text(context, key).trim());
    }

    /** Stops the verification threads and the compiler workers with the Camel context. */
    private static final class StopsWith extends org.apache.camel.support.service.ServiceSupport {
        private final AutoCloseable target;

        StopsWith(AutoCloseable target) {
            this.target = target;
        }

        @Override
        protected void doStop() throws Exception {
            target.close();
        }
    }
}
