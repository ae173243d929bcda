package pipeline;

import archive.FileArchiveStore;
import codec.actors.CallDecoder;
import filflow.ClosesWithContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import lotus.LotusClient;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;

/**
 * Binds {@code heightIndexer} (the bean behind {@code direct:index-heights}),
 * {@code clickHouseRowWriter} (behind Kamelet clickhouse-rows-sink) and {@code actorCache} from the
 * engines' beans ({@code lotusClient}, {@code clickHouse}) and the {@code filflow.pipeline.*}
 * properties, and makes sure the {@code new_contract} topic exists before any route starts. The
 * beans are made when a route first asks for them (lazy): the engines' beans they take are bound
 * by {@code filflow.FilflowConfiguration#configure}, after this class was read.
 */
@Configuration
public class PipelineConfiguration implements CamelConfiguration {

    @PropertyInject("filflow.pipeline.new-contract.topic")
    String newContractTopic;
    @PropertyInject("filflow.pipeline.new-contract.partitions")
    int newContractPartitions;
    @PropertyInject("filflow.pipeline.new-contract.replication-factor")
    short newContractReplication;

    /** Its hit rates are published by {@code monitor.MonitorConfiguration}. */
    @BindToRegistry(lazy = true)
    public ActorCache actorCache(@BeanInject("lotusClient") LotusClient lotus,
            @PropertyInject("filflow.pipeline.address-cache-size") int size) {
        return new ActorCache(lotus, size);
    }

    /** The bean of Kamelet clickhouse-rows-sink. */
    @BindToRegistry(lazy = true)
    public ClickHouseRowWriter clickHouseRowWriter(@BeanInject("clickHouse") ClickHouseAccess clickHouse,
            @BeanInject("meterRegistry") MeterRegistry meters,
            @PropertyInject("filflow.pipeline.insert-timeout-seconds") int insertTimeoutSeconds) {
        return new ClickHouseRowWriter(clickHouse.client(), insertTimeoutSeconds, meters);
    }

    @BindToRegistry(lazy = true)
    public HeightIndexer heightIndexer(CamelContext context, @BeanInject("lotusClient") LotusClient lotus,
            @BeanInject("clickHouse") ClickHouseAccess clickHouse, @BeanInject("actorCache") ActorCache actors,
            @BeanInject("clickHouseRowWriter") ClickHouseRowWriter writer,
            @PropertyInject("filflow.pipeline.archive.enabled") boolean archiveEnabled,
            @PropertyInject("filflow.pipeline.archive.dir") String archiveDir,
            @PropertyInject("filflow.pipeline.archive.compression") String archiveCompression,
            @PropertyInject("filflow.index.capability-recheck-ms") long capabilityRecheckMs,
            @PropertyInject("filflow.pipeline.fetch-parallelism") int fetchParallelism,
            @PropertyInject("filflow.index.height-timeout-ms") long heightTimeoutMs,
            @PropertyInject("filflow.pipeline.height.rows-in-memory") int rowsInMemory) throws Exception {
        HeightExtractor extractor = new HeightExtractor(lotus, actors, CallDecoder.standard(), networkName(lotus),
                archiveEnabled ? new FileArchiveStore(Path.of(archiveDir)) : null,
                ArchiveCompression.parse(archiveCompression), Duration.ofMillis(capabilityRecheckMs),
                clickHouse.versionClock());
        HeightIndexer indexer = new HeightIndexer(extractor, writer, fetchParallelism, heightTimeoutMs, rowsInMemory);
        context.addService(new ClosesWithContext(indexer));
        return indexer;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        // the brokers are known only once FilflowConfiguration#configure started them (this runs after it)
        String brokers = context.getRegistry().lookupByNameAndType("kafkaBrokers", String.class);
        NewContractTopic.ensure(brokers, newContractTopic, newContractPartitions, newContractReplication);
    }

    /** The network's short name as the new_contract payload carries it ("mainnet", "calibnet", …), asked once. */
    static Supplier<String> networkName(LotusClient lotus) {
        Map<String, String> known = Map.of("testnetnet", "mainnet", "mainnet", "mainnet",
                "calibrationnet", "calibnet", "calibnet", "calibnet");
        return new Supplier<>() {
            private volatile String name;

            @Override
            public String get() {
                if (name == null) {
                    String n = lotus.stateNetworkName();
                    name = known.getOrDefault(n, n);
                }
                return name;
            }
        };
    }
}
