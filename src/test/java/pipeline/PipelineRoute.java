package pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

/**
 * The per-height pipeline as it runs: route {@code direct:index-heights} of index-heights.camel.yaml
 * (with the application's batch sizes) over the given indexer bean. Only the {@code kafka:} step of
 * {@code publish-new-contract} is replaced: the test receives each new contract instead of a broker
 * (and retractions are kept in {@link #retractions()}).
 */
public final class PipelineRoute implements AutoCloseable {
    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template;
    private volatile Consumer<NewContract> publisher = c -> { };
    private final List<ContractRetraction> retractions = new CopyOnWriteArrayList<>();

    public PipelineRoute(HeightIndexer indexer) {
        try {
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            context.getRegistry().bind("heightIndexer", indexer);
            context.getRegistry().bind("clickHouseRowWriter", indexer.writer());
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/index-heights.camel.yaml"));
            AdviceWith.adviceWith(context, "publish-new-contract", a -> {
                a.weaveAddFirst().setProperty(NEW_CONTRACT, a.body());
                a.weaveByToUri("kafka:*").replace().process(x -> {
                    Object value = x.getProperty(NEW_CONTRACT);
                    if (value instanceof ContractRetraction r) {
                        retractions.add(r);
                    } else {
                        publisher.accept((NewContract) value);
                    }
                });
            });
            context.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the pipeline route", e);
        }
        template = context.createProducerTemplate();
    }

    private static final String NEW_CONTRACT = "newContractUnderTest";

    /** Indexes the heights through the route; new contracts go to {@code publisher}. */
    @SuppressWarnings("unchecked")
    public synchronized List<HeightResult> index(List<Long> heights, Consumer<NewContract> publisher) {
        this.publisher = publisher;
        return template.requestBody("direct:index-heights", heights, List.class);
    }

    /** The retractions published so far, in order. */
    public List<ContractRetraction> retractions() {
        return List.copyOf(retractions);
    }

    /** Indexes the heights once through a route of their own, discarding new contracts. */
    public static List<HeightResult> indexOnce(HeightIndexer indexer, List<Long> heights) {
        try (PipelineRoute route = new PipelineRoute(indexer)) {
            return route.index(heights, c -> { });
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
