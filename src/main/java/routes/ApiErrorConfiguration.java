package routes;

import api.ApiResponses;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import rosetta.RosettaResponses;
import web.CorsPolicy;

/**
 * Route configuration {@code api-errors} of every API route ({@code routes/api-*.camel.yaml}): each
 * failure becomes API.md's JSON error body with its status, and every answer, success or error, gets
 * the CORS headers {@code API_CORS_ORIGINS} allows (the request's Origin is kept before the handler
 * drops the request headers). Route configuration {@code rosetta-errors} does the same for the
 * Rosetta routes ({@code routes/api-rosetta.camel.yaml}) with the Rosetta specification's error
 * answer (HTTP 500 with its Error object, {@code rosetta.RosettaResponses}). An API request whose
 * client has gone or that waited past its deadline is not executed ({@code api.RequestAdmission}).
 */
public class ApiErrorConfiguration extends RouteConfigurationBuilder {
    public static final String ID = "api-errors";
    public static final String ROSETTA_ID = "rosetta-errors";

    /** A request whose client left, or that waited past its deadline, is not executed (api.RequestAdmission). */
    private void stillWanted(org.apache.camel.Exchange exchange) {
        api.RequestAdmission admission = api.RequestAdmission.find(getCamelContext());
        if (admission != null) {
            admission.stillWanted(exchange);
        }
    }

    @Override
    public void configuration() {
        CorsPolicy cors = CorsPolicy.of(getCamelContext());
        RouteConfigurationDefinition api = routeConfiguration(ID);
        api.interceptFrom().process(cors::remember).process(this::stillWanted);
        api.onCompletion().modeBeforeConsumer().process(cors::apply);
        api.onException(Throwable.class).handled(true).process(ApiResponses::failure).process(cors::apply);
        RouteConfigurationDefinition rosetta = routeConfiguration(ROSETTA_ID);
        rosetta.interceptFrom().process(cors::remember);
        rosetta.onCompletion().modeBeforeConsumer().process(cors::apply);
        rosetta.onException(Throwable.class).handled(true).process(RosettaResponses::failure).process(cors::apply);
    }
}
