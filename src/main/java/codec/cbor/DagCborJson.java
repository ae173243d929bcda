package codec.cbor;

import codec.cid.Cid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;

/**
 * DAG-CBOR → JSON for any value, without a schema. The output is IPLD DAG-JSON:
 * <ul>
 *   <li>CIDs (tag 42) as {@code {"/": "bafy…"}};</li>
 *   <li>byte strings as {@code {"/": {"bytes": "<base64, no padding>"}}} — the DAG-JSON form, so
 *       bytes never look like text (a schema-less decoder cannot know that a byte string is an
 *       address or a Filecoin big integer; named decodings in {@code codec.actors} render those);</li>
 *   <li>integers as JSON numbers, except outside the signed 64-bit range: decimal strings;</li>
 *   <li>maps as objects in encoded order, arrays as arrays, null/booleans/floats as themselves.</li>
 * </ul>
 * Malformed input throws {@link CborDecodingException}; empty input is JSON {@code null}.
 */
public final class DagCborJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder BASE64_RAW = Base64.getEncoder().withoutPadding();

    private DagCborJson() {
    }

    /** Parses DAG-CBOR into the value tree; the whole input must be one value. */
    public static Cbor parse(byte[] bytes) {
        return CborReader.decode(bytes);
    }

    /** The first value of the input and the number of bytes it spans. */
    public record Prefix(Cbor value, int length) {
    }

    /**
     * Parses the first value and tolerates bytes after it, as Lotus's cbor-gen decoders do; used
     * for params/returns, where a few recorded payloads carry trailing data.
     */
    public static Prefix parseFirst(byte[] bytes) {
        return CborReader.decodeFirst(bytes);
    }

    /** Generic JSON for {@code bytes}; null or empty input gives JSON null (no params). */
    public static JsonNode toJson(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return NODES.nullNode();
        }
        return toJson(parse(bytes));
    }

    /** {@link #toJson(byte[])} as a compact JSON string. */
    public static String render(byte[] bytes) {
        try {
            return MAPPER.writeValueAsString(toJson(bytes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Reads a tag-42 payload (0x00 followed by a binary CID). */
    public static Cid cid(byte[] tag42Payload) {
        return CborReader.cidOf(tag42Payload, 0);
    }

    public static JsonNode toJson(Cbor value) {
        if (value instanceof Cbor.Int i) {
            return NODES.numberNode(i.value());
        }
        if (value instanceof Cbor.BigInt b) {
            return NODES.textNode(b.value().toString());
        }
        if (value instanceof Cbor.Bytes b) {
            return bytesNode(b.value());
        }
        if (value instanceof Cbor.Text t) {
            return NODES.textNode(t.value());
        }
        if (value instanceof Cbor.Array a) {
            ArrayNode out = NODES.arrayNode(a.items().size());
            a.items().forEach(item -> out.add(toJson(item)));
            return out;
        }
        if (value instanceof Cbor.Map m) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, Cbor> e : m.entries().entrySet()) {
                out.set(e.getKey(), toJson(e.getValue()));
            }
            return out;
        }
        if (value instanceof Cbor.Link l) {
            return link(l.cid());
        }
        if (value instanceof Cbor.Bool b) {
            return NODES.booleanNode(b.value());
        }
        if (value instanceof Cbor.Float f) {
            return NODES.numberNode(f.value());
        }
        return NODES.nullNode();
    }

    /** {@code {"/": "<cid>"}}. */
    public static ObjectNode link(Cid cid) {
        ObjectNode out = NODES.objectNode();
        out.put("/", cid.toString());
        return out;
    }

    /** {@code {"/": {"bytes": "<unpadded base64>"}}}. */
    public static ObjectNode bytesNode(byte[] bytes) {
        ObjectNode inner = NODES.objectNode();
        inner.put("bytes", BASE64_RAW.encodeToString(bytes));
        ObjectNode out = NODES.objectNode();
        out.set("/", inner);
        return out;
    }
}
