package routes;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import web.CorsPolicy;
import web.StaticSite;
import web.WebPages;

/**
 * The web explorer on the API's server (HTTP_PORT): every GET no API route answers gets the
 * built UI (web.WebPages), and OPTIONS under /api is the CORS preflight (API_CORS_ORIGINS).
 * platform-http tries its routes in the order they started, so these catch-alls start only
 * once every other route has: they can never shadow an API path.
 */
public class WebRoutes extends RouteBuilder {
    static final String PAGES = "web-pages";
    static final String PREFLIGHT = "web-cors-preflight";

    @Override
    public void configure() throws Exception {
        WebPages pages = new WebPages(new StaticSite(WebRoutes.class.getClassLoader()));
        CorsPolicy cors = CorsPolicy.of(getContext());
        // platform-http's default filter drops Cache-Control and friends from answers: keep ours
        DefaultHeaderFilterStrategy keepHeaders = new DefaultHeaderFilterStrategy();
        keepHeaders.setOutFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
        getContext().getRegistry().bind("webHeaderFilter", keepHeaders);
        from("platform-http:/?matchOnUriPrefix=true&httpMethodRestrict=GET,HEAD&headerFilterStrategy=#webHeaderFilter")
                .routeId(PAGES).autoStartup(false)
                .process(pages::answer);
        from("platform-http:/api?matchOnUriPrefix=true&httpMethodRestrict=OPTIONS").routeId(PREFLIGHT).autoStartup(false)
                .process(cors::preflight);
        getContext().addStartupListener(new StartLast());
    }

    /** Starts the catch-all routes after all others (also when routes are reloaded). */
    private static final class StartLast implements StartupListener {
        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            // wait for onCamelContextFullyStarted: by then every other route is listening
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
            context.getRouteController().startRoute(PAGES);
            context.getRouteController().startRoute(PREFLIGHT);
        }
    }
}
