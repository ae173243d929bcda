package api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/openapi.json} is a valid OpenAPI 3 document listing every endpoint with its parameters. */
class OpenApiDocumentTest {
    /** API.md's paths this issue serves, written out independently of the endpoint table. */
    private static final List<String> EXPECTED = List.of(
            "get /api/v1/tipsets/{height}", "get /api/v1/tipsets", "get /api/v1/blocks/{cid}",
            "get /api/v1/messages/{cid}", "get /api/v1/messages/{cid}/subcalls", "get /api/v1/messages/{cid}/events",
            "get /api/v1/messages", "get /api/v1/addresses/{address}", "get /api/v1/contracts/{address}",
            "get /api/v1/contracts", "get /api/v1/contracts/{address}/messages", "get /api/v1/contracts/{address}/bytecode",
            "get /api/v1/search", "get /api/v1/status", "post /api/v1/admin/index", "get /api/v1/");

    @Test
    void documentsEveryEndpoint() throws Exception {
        try (ApiServer server = ApiServer.start(Map.of(), Map.of())) {
            ApiServer.Answer a = server.get("/api/v1/openapi.json");
            assertThat(a.status()).isEqualTo(200);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(a.body(), null, options);
            assertThat(parsed.getMessages()).as("validation messages").isEmpty();
            OpenAPI doc = parsed.getOpenAPI();
            assertThat(doc.getOpenapi()).startsWith("3.");
            for (String expected : EXPECTED) {
                String[] mp = expected.split(" ");
                PathItem item = doc.getPaths().get(mp[1]);
                assertThat(item).as(expected).isNotNull();
                Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(mp[0].toUpperCase()));
                assertThat(op).as(expected).isNotNull();
                assertThat(op.getSummary()).as(expected).isNotBlank();
                long pathParams = mp[1].chars().filter(c -> c == '{').count();
                assertThat(op.getParameters() == null ? 0
                        : op.getParameters().stream().filter(p -> "path".equals(p.getIn())).count())
                        .as(expected + " path parameters").isEqualTo(pathParams);
            }
            long operations = doc.getPaths().values().stream().mapToLong(p -> p.readOperations().size()).sum();
            long verbs = server.restDefinitions().stream().mapToLong(r -> r.getVerbs().size()).sum();
            assertThat(operations).as("every REST verb of routes/api-*.camel.yaml is documented").isEqualTo(verbs);
        }
    }
}
