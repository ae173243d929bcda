package api;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Binds {@code explorerApi}, the services every handler bean of {@code routes/api-*.camel.yaml} is
 * built from. It must exist before the route files are read (their {@code beans:} blocks are created
 * while Camel pre-parses them, ahead of the configuration classes), so it is bound here, and reaches
 * ClickHouse and the indexing jobs only when a request needs them.
 */
public final class ExplorerApiBinder extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        main.getCamelContext().getRegistry().bind("explorerApi", ExplorerApi.fromContext(main.getCamelContext()));
    }
}
