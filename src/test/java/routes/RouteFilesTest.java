package routes;

import static org.assertj.core.api.Assertions.assertThat;

import api.ApiConfig;
import api.ApiException;
import api.ExplorerApi;
import codec.address.Network;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build-time check of the route files operators edit: each matches the Camel YAML DSL schema
 * shipped inside the camel-yaml-dsl jar we run (so a misspelt key or wrong nesting fails the build,
 * not the start-up), and each goes through Camel's own YAML loader, which the schema alone does not
 * cover. Every route has an id.
 */
class RouteFilesTest {
    private static final Path ROUTES = Path.of("src/main/resources/routes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            List<Path> all = files.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
            assertThat(all).isNotEmpty();
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void matchesTheYamlDslSchema(Path file) throws IOException {
        assertThat(schemaErrors(Files.readString(file))).as(file + " against the Camel YAML DSL schema").isEmpty();
    }

    /** docs/FLOW.md example 2 (a wire tap copying each new contract to a file) applies to the route as it is. */
    @Test
    void theDocumentedWireTapEditIsAValidRoute() throws Exception {
        String marshal = """
                        - marshal:
                            json:
                              library: Jackson
                """;
        String wireTap = """
                        - wireTap:
                            uri: "file:{{data.dir}}/new-contracts"
                            parameters:
                              fileName: "${header.kafka.KEY}.json"
                """;
        assertThat(Files.readString(Path.of("docs/FLOW.md"))).contains(marshal + wireTap);
        String route = Files.readString(ROUTES.resolve("index-heights.camel.yaml"));
        assertThat(route).contains(marshal);
        String edited = route.replace(marshal, marshal + wireTap);
        assertThat(schemaErrors(edited)).isEmpty();
        Path file = Files.createTempFile("index-heights", ".camel.yaml");
        try {
            Files.writeString(file, edited);
            assertThat(load(file)).isPositive();
        } finally {
            Files.delete(file);
        }
    }

    private static Set<ValidationMessage> schemaErrors(String yaml) throws IOException {
        JsonSchema schema;
        try (InputStream in = RouteBuilder.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            assertThat(in).as("schema/camelYamlDsl.json in camel-yaml-dsl").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        JsonNode doc = YAML.readTree(yaml);
        return schema.validate(doc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void loadsThroughCamelsYamlLoaderWithARouteIdOnEveryRoute(Path file) throws Exception {
        assertThat(load(file)).as("routes in " + file).isPositive();
    }

    /** docs/ARCHITECTURE.md names every route the files define (API routes by their `api-<subject>` rule). */
    @Test
    void architectureNamesEveryRoute() throws Exception {
        String doc = Files.readString(Path.of("docs/ARCHITECTURE.md"));
        for (Path file : routeFiles().toList()) {
            for (String id : routeIds(file)) {
                if (file.getFileName().toString().startsWith("api-")) {
                    assertThat(id).as("API route of " + file).startsWith("api-");
                    assertThat(doc).contains("`api-<area>.camel.yaml`");
                } else {
                    assertThat(doc).as("route " + id + " of " + file + " in docs/ARCHITECTURE.md")
                            .contains("| `" + id + "` | `" + file.getFileName() + "` |");
                }
            }
        }
    }

    private static List<String> routeIds(Path file) throws IOException {
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode node : YAML.readTree(file.toFile())) {
            if (node.has("route")) {
                ids.add(node.get("route").path("id").asText());
            }
        }
        return ids;
    }

    /** Loads the file through Camel's YAML loader (not into a running context); returns its route count. */
    private static int load(Path file) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            context.getRegistry().bind("explorerApi", new ExplorerApi((sql, params) -> {
                throw ApiException.unavailable("no ClickHouse in this test");
            }, new ApiConfig(Network.MAINNET, "", 1000), () -> null));
            var resource = ResourceHelper.resolveResource(context, "file:" + file.toAbsolutePath());
            int routes = 0;
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(resource))) {
                for (RouteDefinition route : ((RouteBuilder) builder).configureRoutes(context).getRoutes()) {
                    assertThat(route.getRouteId()).as("a route of " + file + " without an id").isNotBlank();
                    routes++;
                }
            }
            return routes;
        }
    }
}
