package contracts;

import codec.address.Network;
import contracts.solc.CompilerWorkers;
import filflow.ClosesWithContext;
import contracts.solc.SolcCache;
import contracts.verify.IndexedCreations;
import contracts.verify.LotusChainCode;
import contracts.verify.VerificationService;
import contracts.verify.VerificationStore;
import contracts.verify.Verifier;
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
import pipeline.NewContractTopic;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;

/**
 * Binds {@code contractListener} (the steps of route {@code contracts-listen}) and
 * {@code contractTools} (verification and calls for the developer endpoints) from the engines'
 * beans ({@code lotusClient}, {@code clickHouse}, {@code postgresDataSource}) and the
 * {@code filflow.contracts.*} properties, and makes sure the topic the listener reads and its
 * dead-letter topic exist before the route starts. The beans are made when first asked for (lazy):
 * the engines' beans they take are bound by {@code filflow.FilflowConfiguration#configure}, after
 * this class was read.
 */
@Configuration
public class ContractsConfiguration implements CamelConfiguration {

    @PropertyInject("filflow.contracts.enabled")
    boolean enabled;
    @PropertyInject("filflow.contracts.topic")
    String topic;
    @PropertyInject("filflow.contracts.dlq-topic")
    String dlqTopic;
    @PropertyInject("filflow.pipeline.new-contract.partitions")
    int partitions;
    @PropertyInject("filflow.pipeline.new-contract.replication-factor")
    short replication;

    @BindToRegistry(lazy = true)
    public ContractListener contractListener(@BeanInject("lotusClient") LotusClient lotus,
            @BeanInject("clickHouse") ClickHouseAccess clickHouse, @BeanInject("meterRegistry") MeterRegistry meters,
            @PropertyInject("filflow.contracts.insert-timeout-seconds") int insertTimeoutSeconds,
            @PropertyInject("filflow.contracts.retry.max-attempts") int maxAttempts) {
        return new ContractListener(lotus, new ClickHouseRowWriter(clickHouse.client(), insertTimeoutSeconds, meters),
                clickHouse.versionClock(), maxAttempts);
    }

    /** Verification (compiler cache, Node.js workers, PostgreSQL store), calls and limits for the developer endpoints. */
    @BindToRegistry(lazy = true)
    public ContractTools contractTools(CamelContext context, @BeanInject("lotusClient") LotusClient lotus,
            @BeanInject("clickHouse") ClickHouseAccess clickHouse, @BeanInject("postgresDataSource") DataSource postgres,
            @BeanInject("contractUploaders") Uploaders uploaders,
            @PropertyInject("lotus.network") String prefix, @PropertyInject("filflow.contracts.chain-id") String chain,
            @PropertyInject("filflow.contracts.compiler.workers") int workerCount,
            @PropertyInject("filflow.contracts.compiler.timeout-seconds") int compileTimeoutSeconds,
            @PropertyInject("filflow.contracts.compiler.node") String node,
            @PropertyInject("filflow.contracts.compiler.queue") int queue,
            @PropertyInject("filflow.contracts.max-source-bytes") int maxSourceBytes) throws Exception {
        Network network = Network.ofPrefix(prefix.trim().charAt(0));
        long chainId = chain == null || chain.isBlank() ? ContractTools.defaultChainId(network) : Long.parseLong(chain.trim());
        CompilerWorkers workers = new CompilerWorkers(workerCount, Duration.ofSeconds(compileTimeoutSeconds), node.trim());
        VerificationStore store = new VerificationStore(postgres);
        store.failAbandonedJobs();
        Verifier verifier = new Verifier(SolcCache.standard(), workers,
                new LotusChainCode(lotus, new IndexedCreations(clickHouse.client())));
        VerificationService service = new VerificationService(verifier, store, workers, queue, 10);
        // the verification threads and the compiler workers stop with the context
        context.addService(new ClosesWithContext(service), true, true);
        return new ContractTools(service, lotus, chainId, network, maxSourceBytes, uploaders);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (enabled) {
            // the brokers are known only once FilflowConfiguration#configure started them (this runs after it)
            String brokers = context.getRegistry().lookupByNameAndType("kafkaBrokers", String.class);
            NewContractTopic.ensure(brokers, topic, partitions, replication);
            NewContractTopic.ensure(brokers, dlqTopic, partitions, replication);
        }
    }
}
