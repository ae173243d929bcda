package routes;

import api.ApiHandler;
import api.ApiIndex;
import api.ApiRequest;
import api.ApiResponses;
import api.Endpoint;
import api.HttpErrorBodies;
import api.ExplorerApi;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import web.CorsPolicy;

/**
 * The explorer API (API.md) as REST DSL on the platform-http server: one REST operation per
 * {@link Endpoint}, each running as its own route {@code api-<subject>}, plus the OpenAPI document.
 */
public class ApiRoutes extends RouteBuilder {
    public static final String OPENAPI_PATH = "/api/v1/openapi.json";
    public static final String INDEX_PATH = "/api/v1/";
    private static final java.util.Map<Integer, String> RESPONSES = new java.util.TreeMap<>(java.util.Map.of(
            200, "the answer, JSON",
            202, "queued (admin/index)",
            401, "admin/index without a bearer token",
            403, "admin/index with a wrong token, or the admin API disabled",
            400, "malformed input: {error: {code, message}}",
            404, "not indexed: {error: {code, message}}",
            503, "a dependency (ClickHouse, the indexer) is down: {error: {code, message}}"));

    @Override
    public void configure() throws Exception {
        ExplorerApi api = ExplorerApi.fromContext(getContext());
        // the server's own refusals (414, 404, 405, 413, …) answer the same JSON error body
        HttpErrorBodies.install(getContext());
        CorsPolicy cors = CorsPolicy.of(getContext());
        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off)
                .apiContextPath(OPENAPI_PATH)
                .apiContextRouteId("api-openapi")
                .apiProperty("api.title", "filflow explorer API")
                .apiProperty("api.version", "1")
                .apiProperty("api.description", "Filecoin chain data, addresses, contracts, search and operations");
        for (Endpoint e : api.endpoints()) {
            RestDefinition rest = rest().verb(e.method(), e.path())
                    .id(e.id() + "-rest")
                    .description(e.summary())
                    .produces("application/json");
            RESPONSES.forEach((code, text) -> rest.responseMessage().code(code).message(text).endResponseMessage());
            for (Endpoint.Param p : e.params()) {
                rest.param().name(p.name())
                        .type(p.inPath() ? RestParamType.path : RestParamType.query)
                        .required(p.required())
                        .dataType("string")
                        .description(p.description())
                        .endParam();
            }
            route(rest, e.id(), e.handler(), cors);
        }
        // the first request a newcomer makes: what is here, and where the OpenAPI document is
        ApiHandler index = new ApiIndex(getContext(), OPENAPI_PATH);
        route(rest().get(INDEX_PATH).id("api-index-rest").description("This index: every endpoint and the OpenAPI document")
                .produces("application/json").responseMessage().code(200).message("the index, JSON").endResponseMessage(),
                "api-index", index, cors);
    }

    private void route(RestDefinition rest, String id, ApiHandler handler, CorsPolicy cors) {
        rest.to("direct:" + id);
        from("direct:" + id).routeId(id)
                .routeConfigurationId(ApiErrorConfiguration.ID)
                .process(cors::remember)
                .process(x -> ApiResponses.ok(x, handler.handle(new ApiRequest(x.getMessage()))))
                .process(cors::apply);
    }
}
