package codec.actors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Method names ({@code methods.yaml}) and params/return schemas ({@code schemas.yaml}) per actor
 * type, loaded once from the classpath.
 */
final class ActorMethods {
    /** One method: its name, the name hashed for FRC-42 (exported methods), and other names it went by. */
    record Method(long number, String name, String hashes, List<String> aliases) {
    }

    /** Alternative shapes for params and return, tried in order (actor versions changed some). */
    record Schema(List<Shape> params, List<Shape> returns) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The YAML key of methods any actor may receive (callbacks such as MarketNotifyDeal). */
    private static final String ANY = "any";

    /** Per actor type, its own entries merged over the "any" entries. */
    private final Map<ActorType, Map<Long, Method>> methods = new EnumMap<>(ActorType.class);
    private final Map<ActorType, Map<String, Schema>> schemas = new EnumMap<>(ActorType.class);
    private final Map<Long, Method> anyMethods;
    private final Map<String, Schema> anySchemas;

    private ActorMethods(JsonNode methodsYaml, JsonNode schemasYaml) {
        Map<String, Shape> types = new HashMap<>();
        schemasYaml.path("types").fields().forEachRemaining(t -> types.put(t.getKey(), ShapeParser.parse(t.getValue().asText(), types)));
        Map<ActorType, Map<Long, Method>> ownMethods = loadMethods(methodsYaml);
        Map<ActorType, Map<String, Schema>> ownSchemas = loadSchemas(schemasYaml, types);
        anyMethods = methodsOf(methodsYaml.path(ANY));
        anySchemas = schemasOf(schemasYaml.path(ANY), types);
        for (ActorType t : ActorType.values()) {
            Map<Long, Method> m = new HashMap<>(anyMethods);
            m.putAll(ownMethods.getOrDefault(t, Map.of()));
            methods.put(t, Map.copyOf(m));
            Map<String, Schema> s = new HashMap<>(anySchemas);
            s.putAll(ownSchemas.getOrDefault(t, Map.of()));
            schemas.put(t, Map.copyOf(s));
        }
    }

    static ActorMethods load() {
        return new ActorMethods(read("/codec/actors/methods.yaml"), read("/codec/actors/schemas.yaml"));
    }

    /** A null type (callee unknown) still knows the methods every actor may receive. */
    Optional<Method> method(ActorType type, long number) {
        return Optional.ofNullable(methods(type).get(number));
    }

    /** The methods of {@code type}, including those every actor may receive. */
    Map<Long, Method> methods(ActorType type) {
        return type == null ? anyMethods : methods.get(type);
    }

    /** The schema for a method name; "XExported" falls back to the schema of "X". */
    Optional<Schema> schema(ActorType type, String methodName) {
        Map<String, Schema> byName = type == null ? anySchemas : schemas.get(type);
        Schema s = byName.get(methodName);
        if (s == null && methodName.endsWith("Exported")) {
            s = byName.get(methodName.substring(0, methodName.length() - "Exported".length()));
        }
        return Optional.ofNullable(s);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = ActorMethods.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static Map<ActorType, Map<Long, Method>> loadMethods(JsonNode root) {
        Map<ActorType, Map<Long, Method>> out = new EnumMap<>(ActorType.class);
        root.fields().forEachRemaining(actor -> {
            if (!actor.getKey().equals(ANY)) {
                out.put(actorType(actor.getKey()), methodsOf(actor.getValue()));
            }
        });
        return out;
    }

    private static Map<Long, Method> methodsOf(JsonNode actor) {
        Map<Long, Method> byNumber = new HashMap<>();
        actor.fields().forEachRemaining(m -> {
            long number = Long.parseLong(m.getKey());
            JsonNode v = m.getValue();
            if (v.isTextual()) {
                byNumber.put(number, new Method(number, v.asText(), null, List.of()));
            } else {
                List<String> aliases = new ArrayList<>();
                v.path("aliases").forEach(a -> aliases.add(a.asText()));
                byNumber.put(number, new Method(number, v.path("name").asText(),
                        v.hasNonNull("hashes") ? v.get("hashes").asText() : null, List.copyOf(aliases)));
            }
        });
        return Map.copyOf(byNumber);
    }

    private static Map<ActorType, Map<String, Schema>> loadSchemas(JsonNode root, Map<String, Shape> types) {
        Map<ActorType, Map<String, Schema>> out = new EnumMap<>(ActorType.class);
        root.fields().forEachRemaining(actor -> {
            if (!actor.getKey().equals("types") && !actor.getKey().equals(ANY)) {
                out.put(actorType(actor.getKey()), schemasOf(actor.getValue(), types));
            }
        });
        return out;
    }

    private static Map<String, Schema> schemasOf(JsonNode actor, Map<String, Shape> types) {
        Map<String, Schema> byName = new HashMap<>();
        actor.fields().forEachRemaining(m -> byName.put(m.getKey(),
                new Schema(shapes(m.getValue().get("params"), types), shapes(m.getValue().get("return"), types))));
        return Map.copyOf(byName);
    }

    /** A single expression or a list of alternatives; absent means "no value" (empty bytes). */
    private static List<Shape> shapes(JsonNode node, Map<String, Shape> types) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<Shape> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(ShapeParser.parse(n.asText(), types)));
        } else {
            out.add(ShapeParser.parse(node.asText(), types));
        }
        return List.copyOf(out);
    }

    private static ActorType actorType(String name) {
        return ActorType.ofManifestName(name)
                .orElseThrow(() -> new IllegalStateException("unknown actor type '" + name + "'"));
    }
}
