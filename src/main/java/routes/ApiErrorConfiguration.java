package routes;

import api.ApiResponses;
import org.apache.camel.builder.RouteConfigurationBuilder;
import web.CorsPolicy;

/** Error handling of every API route: each failure becomes API.md's JSON error body with its status. */
public class ApiErrorConfiguration extends RouteConfigurationBuilder {
    public static final String ID = "api-errors";

    @Override
    public void configuration() {
        CorsPolicy cors = CorsPolicy.of(getCamelContext());
        routeConfiguration(ID)
                .onException(Throwable.class).handled(true).process(ApiResponses::failure).process(cors::apply);
    }
}
