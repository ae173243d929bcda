package routes;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import web.CorsPolicy;
import web.StaticSite;
import web.WebPages;

/**
 * The web explorer on the API's server (HTTP_PORT): every GET no API route answers gets the
 * built UI (web.WebPages), and OPTIONS under /api is the CORS preflight (API_CORS_ORIGINS).
 */
public class WebRoutes extends RouteBuilder {
    @Override
    public void configure() {
        WebPages pages = new WebPages(new StaticSite(WebRoutes.class.getClassLoader()));
        CorsPolicy cors = CorsPolicy.of(getContext());
        // platform-http's default filter drops Cache-Control and friends from answers: keep ours
        DefaultHeaderFilterStrategy keepHeaders = new DefaultHeaderFilterStrategy();
        keepHeaders.setOutFilterStartsWith(DefaultHeaderFilterStrategy.CAMEL_FILTER_STARTS_WITH);
        getContext().getRegistry().bind("webHeaderFilter", keepHeaders);
        from("platform-http:/?matchOnUriPrefix=true&httpMethodRestrict=GET,HEAD&headerFilterStrategy=#webHeaderFilter")
                .routeId("web-pages")
                .process(pages::answer);
        from("platform-http:/api?matchOnUriPrefix=true&httpMethodRestrict=OPTIONS").routeId("web-cors-preflight")
                .process(cors::preflight);
    }
}
