package api;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v1/}: what a first request sees. Lists every REST operation the server offers,
 * read from Camel's REST model (so endpoints added in Java or in YAML {@code rest:} blocks appear
 * alike), and links the OpenAPI document.
 */
public final class ApiIndex implements ApiHandler {
    /** Where the OpenAPI document is served (camel.rest.api-context-path). */
    public static final String OPENAPI_PATH = "/api/v1/openapi.json";

    private final CamelContext context;
    private final String openApiPath;

    public ApiIndex(CamelContext context, String openApiPath) {
        this.context = context;
        this.openApiPath = openApiPath;
    }

    @Override
    public Object handle(ApiRequest request) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("name", "filflow explorer API");
        index.put("version", "1");
        index.put("openapi", openApiPath);
        index.put("endpoints", endpoints());
        return index;
    }

    private List<Map<String, String>> endpoints() {
        List<Map<String, String>> list = new ArrayList<>();
        for (RestDefinition rest : context.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                Map<String, String> endpoint = new LinkedHashMap<>();
                endpoint.put("method", verb.asVerb().toUpperCase(Locale.ROOT));
                endpoint.put("path", join(rest.getPath(), verb.getPath()));
                endpoint.put("summary", verb.getDescriptionText() == null ? "" : verb.getDescriptionText());
                list.add(endpoint);
            }
        }
        list.sort(Comparator.<Map<String, String>, String>comparing(e -> e.get("path")).thenComparing(e -> e.get("method")));
        return list;
    }

    private static String join(String base, String path) {
        String b = base == null ? "" : base.replaceAll("/+$", "");
        String p = path == null ? "" : path;
        return p.isEmpty() ? (b.isEmpty() ? "/" : b) : b + (p.startsWith("/") ? p : "/" + p);
    }
}
