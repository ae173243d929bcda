package contracts;

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
import replay.ReplayNode;
import testsupport.SharedEngines;

/**
 * Runs the real pipeline ({@code direct:index-heights}) over a replay node, so the listener's input
 * is what the pipeline publishes on {@code new_contract}, not a hand-made imitation.
 */
final class PipelineRun {
    private PipelineRun() {
    }

    static void index(ReplayNode node, List<Long> heights, String topic, String database) throws Exception {
        index(node, heights, topic, SharedEngines.clickHouse(database));
    }

    /** Into a database the caller holds (indexing the same heights again, e.g. after a reorg). */
    static void index(ReplayNode node, List<Long> heights, String topic, storage.ClickHouseAccess clickHouse)
            throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties overrides = new Properties();
        overrides.setProperty("filflow.pipeline.new-contract.topic", topic);
        overrides.setProperty("filflow.pipeline.archive.enabled", "false");
        overrides.setProperty("filflow.pipeline.archive.dir", SharedEngines.newTempDir().toString());
        camel.getPropertiesComponent().setLocation("classpath:application.properties");
        camel.getPropertiesComponent().setOverrideProperties(overrides);
        camel.getRegistry().bind("clickHouse", clickHouse);
        camel.getRegistry().bind("kafkaBrokers", SharedEngines.kafkaBrokers());
        camel.getRegistry().bind("lotusClient", lotus(node));
        testsupport.Configurations.apply(camel, new PipelineConfiguration());
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                PluginHelper.getResourceLoader(camel).resolveResource("classpath:routes/index-heights.camel.yaml"));
        try {
            camel.start();
            List<?> results = camel.createProducerTemplate().requestBody("direct:index-heights", heights, List.class);
            for (Object r : results) {
                if (((HeightResult) r).error() != null) {
                    throw new AssertionError("pipeline failed: " + r);
                }
            }
        } finally {
            camel.stop();
        }
    }

    static LotusClient lotus(ReplayNode node) {
        return new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
    }
}
