package api;

import accounts.AccountUploaders;
import accounts.AccountsConfig;
import codec.address.Network;
import contracts.Uploaders;
import filflow.Settings;
import history.StateVerifier;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.PluginHelper;
import rosetta.RosettaNetwork;

/**
 * Binds {@code explorerApi}, the services every handler bean of {@code routes/api-*.camel.yaml} is
 * built from. It must exist before the route files are read (their {@code beans:} blocks are created
 * while Camel pre-parses them, ahead of the configuration classes), so this listener has Camel's
 * bean post-processor bind its methods then; the API reaches ClickHouse and the indexing jobs only
 * when a request needs them. Binds {@code contractUploaders} (the accounts' answer to who verified)
 * for the same reason: the contracts configuration takes it.
 */
public final class ExplorerApiBinder extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        try {
            PluginHelper.getBeanPostProcessor(main.getCamelContext()).postProcessBeforeInitialization(this, "explorerApiBinder");
        } catch (Exception e) {
            throw new IllegalStateException("binding the API's beans", e);
        }
    }

    @BindToRegistry
    public ExplorerApi explorerApi(CamelContext context, @PropertyInject("lotus.network") String prefix,
            @PropertyInject("admin.token") String adminToken, @PropertyInject("api.query-timeout-ms") long queryTimeoutMs,
            @PropertyInject("api.cache.max-mb") long cacheMaxMb, @PropertyInject("api.cache.finality") long finality,
            @PropertyInject("rosetta.network") String rosettaNetwork) {
        // answers print addresses with the network prefix the node uses (lotus.network)
        Network network = Network.ofPrefix(prefix.trim().charAt(0));
        ApiConfig config = new ApiConfig(network, blankIsEmpty(adminToken), queryTimeoutMs, cacheMaxMb << 20, finality,
                RosettaNetwork.of(blankIsEmpty(rosettaNetwork), network.prefix()));
        return ExplorerApi.overRegistry(context, config,
                AccountsConfig.from(new Settings(context.getPropertiesComponent()::resolveProperty)));
    }

    /** The verify-state job's bean (routes/jobs.camel.yaml); POST /api/v1/admin/verify runs the same. */
    @BindToRegistry(lazy = true)
    public StateVerifier stateVerifier(@BeanInject("explorerApi") ExplorerApi api) {
        return api.verifier();
    }

    /** Verification records who verified: the account of the session token or API key. */
    @BindToRegistry(lazy = true)
    public Uploaders contractUploaders(@BeanInject("explorerApi") ExplorerApi api) {
        return new AccountUploaders(api.accounts());
    }

    /** A blank setting is unset. */
    private static String blankIsEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
