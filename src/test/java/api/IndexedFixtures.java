package api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Properties;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import pipeline.HeightResult;
import pipeline.PipelineConfiguration;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.SharedEngines;

/**
 * Indexes recorded heights with the real pipeline: a replay node over fixtures/ (testsupport.Fixtures), the
 * pipeline's beans and its YAML route {@code direct:index-heights}, into a fresh database.
 */
public final class IndexedFixtures {
    private IndexedFixtures() {
    }

    public static ClickHouseAccess index(String network, List<Long> heights, String database) throws Exception {
        ClickHouseAccess clickHouse = SharedEngines.clickHouse(database);
        reindex(network, heights, clickHouse);
        return clickHouse;
    }

    /** Indexes the heights of the chain a replay node so configured serves (e.g. a synthetic one) into a fresh database. */
    public static ClickHouseAccess index(ReplayConfig chain, List<Long> heights, String database) throws Exception {
        ClickHouseAccess clickHouse = SharedEngines.clickHouse(database);
        reindex(chain, heights, clickHouse);
        return clickHouse;
    }

    /**
     * As {@link #index(ReplayConfig, List, String)}, with settings of the pipeline replaced (e.g.
     * {@code filflow.pipeline.fetch-parallelism=1}: heights extracted one at a time, in order).
     */
    public static ClickHouseAccess index(ReplayConfig chain, List<Long> heights, String database,
            java.util.Map<String, String> settings) throws Exception {
        ClickHouseAccess clickHouse = SharedEngines.clickHouse(database);
        reindex(chain, heights, clickHouse, settings);
        return clickHouse;
    }

    /** Indexes the heights (again) into an existing database; rows are replaced, not duplicated. */
    public static void reindex(String network, List<Long> heights, ClickHouseAccess clickHouse) throws Exception {
        reindex(ReplayConfig.of(RawFixtures.LOTUS.resolve(network)), heights, clickHouse);
    }

    private static void reindex(ReplayConfig chain, List<Long> heights, ClickHouseAccess clickHouse) throws Exception {
        reindex(chain, heights, clickHouse, java.util.Map.of());
    }

    private static void reindex(ReplayConfig chain, List<Long> heights, ClickHouseAccess clickHouse,
            java.util.Map<String, String> settings) throws Exception {
        String database = clickHouse.database();
        try (ReplayNode node = ReplayNode.start(chain);
             CamelContext camel = new DefaultCamelContext()) {
            Properties overrides = new Properties();
            overrides.setProperty("filflow.pipeline.new-contract.topic", "new_contract_" + database);
            overrides.setProperty("filflow.pipeline.archive.dir", SharedEngines.newTempDir().toString());
            settings.forEach(overrides::setProperty);
            camel.getPropertiesComponent().setLocation("classpath:application.properties");
            camel.getPropertiesComponent().setOverrideProperties(overrides);
            camel.getRegistry().bind("clickHouse", clickHouse);
            camel.getRegistry().bind("kafkaBrokers", SharedEngines.kafkaBrokers());
            camel.getRegistry().bind("lotusClient",
                    new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry()));
            testsupport.Configurations.apply(camel, new PipelineConfiguration());
            PluginHelper.getRoutesLoader(camel).loadRoutes(
                    PluginHelper.getResourceLoader(camel).resolveResource("classpath:routes/index-heights.camel.yaml"));
            camel.start();
            List<?> results = camel.createProducerTemplate().requestBody("direct:index-heights", heights, List.class);
            for (Object r : results) {
                HeightResult result = (HeightResult) r;
                if (result.error() != null) {
                    throw new IllegalStateException("indexing height " + result.height() + " failed", result.error());
                }
            }
        }
    }
}
