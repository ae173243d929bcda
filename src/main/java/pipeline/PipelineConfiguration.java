package pipeline;

import archive.FileArchiveStore;
import codec.actors.CallDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import lotus.LotusClient;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;

/**
 * Binds {@code heightIndexer} (the bean behind {@code direct:index-heights}) and
 * {@code clickHouseRowWriter} (behind Kamelet clickhouse-rows-sink) from the engines' beans
 * ({@code lotusClient}, {@code clickHouse}, {@code kafkaBrokers}) and the {@code filflow.pipeline.*}
 * properties, and makes sure the {@code new_contract} topic exists before any route starts.
 */
@Configuration
public class PipelineConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        LotusClient lotus = registry.lookupByNameAndType("lotusClient", LotusClient.class);
        ClickHouseAccess clickHouse = registry.lookupByNameAndType("clickHouse", ClickHouseAccess.class);
        String brokers = registry.lookupByNameAndType("kafkaBrokers", String.class);

        NewContractTopic.ensure(brokers, text(context, "filflow.pipeline.new-contract.topic"),
                integer(context, "filflow.pipeline.new-contract.partitions"),
                (short) integer(context, "filflow.pipeline.new-contract.replication-factor"));
        MeterRegistry meters = registry.lookupByNameAndType("meterRegistry", MeterRegistry.class);
        boolean archiveEnabled = Boolean.parseBoolean(text(context, "filflow.pipeline.archive.enabled"));
        ActorCache actorCache = new ActorCache(lotus, integer(context, "filflow.pipeline.address-cache-size"));
        // its hit rates are published by monitor.MonitorConfiguration
        registry.bind("actorCache", actorCache);
        HeightExtractor extractor = new HeightExtractor(lotus, actorCache,
                CallDecoder.standard(), networkName(lotus),
                archiveEnabled ? new FileArchiveStore(Path.of(text(context, "filflow.pipeline.archive.dir"))) : null,
                java.time.Duration.ofMillis(Long.parseLong(text(context, "filflow.index.capability-recheck-ms"))),
                clickHouse.versionClock());
        ClickHouseRowWriter writer = new ClickHouseRowWriter(clickHouse.client(),
                integer(context, "filflow.pipeline.insert-timeout-seconds"), meters);
        // the bean of Kamelet clickhouse-rows-sink
        registry.bind("clickHouseRowWriter", writer);
        HeightIndexer indexer = new HeightIndexer(extractor, writer,
                integer(context, "filflow.pipeline.fetch-parallelism"),
                Long.parseLong(text(context, "filflow.index.height-timeout-ms")),
                integer(context, "filflow.pipeline.height.rows-in-memory"));
        registry.bind("heightIndexer", indexer);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                indexer.close();
            }
        });
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

    private static String text(CamelContext context, String key) {
        return context.resolvePropertyPlaceholders("{{" + key + "}}");
    }

    private static int integer(CamelContext context, String key) {
        return Integer.parseInt(text(context, key).trim());
    }
}
