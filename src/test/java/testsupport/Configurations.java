package testsupport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;

/**
 * Applies configuration classes to a plain Camel context the way camel-main does: Camel's bean
 * post-processor binds their {@code @BindToRegistry} methods, then {@code configure} runs. The
 * caller binds the engines' beans first; a {@code meterRegistry} is bound here unless one is.
 */
public final class Configurations {
    private Configurations() {
    }

    public static void apply(CamelContext context, CamelConfiguration... configurations) throws Exception {
        if (context.getRegistry().lookupByName("meterRegistry") == null) {
            context.getRegistry().bind("meterRegistry", new SimpleMeterRegistry());
        }
        for (CamelConfiguration configuration : configurations) {
            PluginHelper.getBeanPostProcessor(context).postProcessBeforeInitialization(configuration,
                    configuration.getClass().getName());
        }
        for (CamelConfiguration configuration : configurations) {
            configuration.configure(context);
        }
    }
}
