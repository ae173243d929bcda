package rosetta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Rosetta specification's OpenAPI document (fixtures/specs/rosetta-api-1.5.1.json, as published)
 * as a validator of answers: the schema of an endpoint's 200 or 500 response, with the document's
 * {@code #/components/schemas/…} references resolved inside it.
 */
final class RosettaSpec {
    static final Path DOCUMENT = Path.of("fixtures/specs/rosetta-api-1.5.1.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SPEC = read();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private RosettaSpec() {
    }

    static JsonNode document() {
        return SPEC;
    }

    /** The problems of an answer of {@code POST /rosetta<path>} with this status; empty when it conforms. */
    static List<String> problems(String path, int status, JsonNode body) {
        JsonNode response = SPEC.path("paths").path(path).path("post").path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return List.of(path + " has no documented " + status + " response");
        }
        String ref = response.path("content").path("application/json").path("schema").path("$ref").asText();
        return schema(ref).validate(body).stream().map(ValidationMessage::getMessage).map(m -> path + " " + status + ": " + m)
                .toList();
    }

    /** The problems of a value against one component schema, e.g. {@code Error}. */
    static List<String> problemsAs(String component, JsonNode value) {
        return schema("#/components/schemas/" + component).validate(value).stream().map(ValidationMessage::getMessage).toList();
    }

    private static JsonSchema schema(String ref) {
        return SCHEMAS.computeIfAbsent(ref, r -> {
            // the whole document as the root, pointing at the component: its internal $refs resolve
            ObjectNode root = SPEC.deepCopy();
            root.put("$ref", r);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(root);
        });
    }

    private static JsonNode read() {
        try {
            return JSON.readTree(DOCUMENT.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
