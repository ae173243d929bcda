package api;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Binds {@code explorerApi}, the services every handler bean of {@code routes/api-*.camel.yaml} is
 * built from. It must exist before the route files are read (their {@code beans:} blocks are created
 * while Camel pre-parses them, ahead of the configuration classes), so it is bound here, and reaches
 * ClickHouse and the indexing jobs only when a request needs them. Binds {@code contractUploaders}
 * (the accounts' answer to who verified) for the same reason: the contracts configuration reads it.
 */
public final class ExplorerApiBinder extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        ExplorerApi api = ExplorerApi.fromContext(main.getCamelContext());
        main.getCamelContext().getRegistry().bind("explorerApi", api);
        // the verify-state job's bean (routes/jobs.camel.yaml); POST /api/v1/admin/verify runs the same
        main.getCamelContext().getRegistry().bind("stateVerifier", api.verifier());
        // verification records who verified: the account of the session token or API key (ContractsConfiguration reads it)
        main.getCamelContext().getRegistry().bind("contractUploaders", new accounts.AccountUploaders(api.accounts()));
    }
}
