package filflow;

import health.DependencyHealthCheck;
import health.Probes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Binds the beans every route and capability uses: {@code settings}, {@code clickHouse},
 * {@code postgresDataSource}, {@code kafkaBrokers}, {@code lotusClient}, {@code meterRegistry};
 * starts the engines (embedded where no server is configured) and registers one health check
 * per dependency.
 */
@Configuration
public class FilflowConfiguration implements CamelConfiguration {
    private static final Duration HEALTH_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration HEALTH_READ_TIMEOUT = Duration.ofSeconds(3);

    /** An engine is gone for good: say why, and stop the whole application (its shutdown hook stops the rest). */
    private static void exitForGood(String reason) {
        org.slf4j.LoggerFactory.getLogger(FilflowConfiguration.class).error("{}", reason);
        System.err.println("filflow: " + reason);
        Thread exit = new Thread(() -> System.exit(EXIT_ENGINE_LOST), "engine-lost-exit");
        exit.start();
    }

    /** The exit status when an embedded engine died and could not be restarted (EX_UNAVAILABLE). */
    public static final int EXIT_ENGINE_LOST = 69;

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Settings settings = new Settings(properties::resolveProperty);
        Registry registry = context.getRegistry();
        // before the HTTP servers start: their own refusals (414, 404, 405, 413, …) answer the JSON error body
        api.HttpErrorBodies.install(context);
        // one registry for the application's meters and Camel's, the one /observe/metrics shows:
        // camel-micrometer-prometheus uses (or binds, if it starts first) bean "metricsRegistry"
        PrometheusMeterRegistry meters = registry.lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind("metricsRegistry", meters);
        }
        registry.bind("meterRegistry", meters);
        registry.bind("settings", settings);

        // the demo's chain is built while the engines start
        CompletableFuture<DemoChain> demo = DemoChain.startIfEnabled(settings, properties);
        Engines started;
        try {
            started = Engines.start(settings);
        } catch (RuntimeException e) {
            DemoChain.stopWhenStarted(demo);
            throw e;
        }
        EngineSupervisor supervisor = new EngineSupervisor(started.supervised(), meters,
                Integer.parseInt(settings.get(ConfigKey.ENGINE_RESTART_ATTEMPTS)), Duration.ofSeconds(1), Duration.ofSeconds(30),
                FilflowConfiguration::exitForGood).start();
        EnginesService engines = new EnginesService(started, supervisor);
        context.addService(engines, true, true);
        String brokers = engines.engines().kafkaBrokers();
        // routes may write {{kafka.brokers}}; embedded brokers listen on a port chosen at start
        properties.addOverrideProperty(ConfigKey.KAFKA_BROKERS.property(), brokers);
        context.getComponent("kafka", KafkaComponent.class).getConfiguration().setBrokers(brokers);
        registry.bind("clickHouse", engines.engines().clickHouse());
        registry.bind("postgresDataSource", engines.engines().postgres());
        registry.bind("kafkaBrokers", brokers);

        DemoChain chain = DemoChain.join(demo);
        if (chain != null) {
            // added after the engines, so it stops before them, and after the routes that call it
            context.addService(chain, true, true);
        }
        LotusClientConfig lotusConfig = LotusClientConfig.fromProperties(settings::propertyOrDefault);
        registry.bind("lotusClient", new LotusClient(lotusConfig, meters));
        LotusClient lotusProbe = new LotusClient(lotusConfig.withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1))
                .withTimeouts(HEALTH_CONNECT_TIMEOUT, HEALTH_READ_TIMEOUT), meters);

        registry.bind("health-clickhouse", new DependencyHealthCheck("clickhouse", "ClickHouse",
                engines.engines().clickHouse().url(), Probes.clickHouse(engines.engines().clickHouse())));
        registry.bind("health-kafka", new DependencyHealthCheck("kafka", "Kafka", brokers, Probes.kafka(brokers)));
        registry.bind("health-postgres", new DependencyHealthCheck("postgres", "PostgreSQL",
                engines.engines().postgres().getJdbcUrl(), Probes.postgres(engines.engines().postgres())));
        registry.bind("health-lotus", new DependencyHealthCheck("lotus", "Lotus", lotusConfig.url().toString(),
                Probes.lotus(lotusProbe)));
        context.addStartupListener(new StartupReport(lotusProbe, settings));
    }
}
