package codec.actors;

import codec.address.Address;
import codec.address.AddressException;
import codec.address.Network;
import codec.Base58;
import codec.cbor.Cbor;
import codec.cbor.DagCborJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The expected shape of a CBOR value, parsed from the small type language of {@code schemas.yaml}:
 * primitives ({@code int uint bigint addr cid bytes hex str bool any label peerid calldata bitfield}),
 * {@code [T]} lists, {@code {Name: T, …}} tuple structs (CBOR arrays read positionally into named
 * fields), {@code <Name: T>} a bare value given a field name, {@code T?} nullable, {@code A | B} either, {@code @Name} references. Rendering a value that does not fit throws
 * {@link SchemaMismatch}.
 */
sealed interface Shape {
    JsonNodeFactory NODES = JsonNodeFactory.instance;

    JsonNode render(Cbor value, Network network);

    record Primitive(String name) implements Shape {
        @Override
        public JsonNode render(Cbor v, Network network) {
            switch (name) {
                case "any":
                    return DagCborJson.toJson(v);
                case "int":
                case "uint":
                    if (v instanceof Cbor.Int i && (name.equals("int") || i.value() >= 0)) {
                        return NODES.numberNode(i.value());
                    }
                    if (v instanceof Cbor.BigInt b && (name.equals("int") || b.value().signum() >= 0)) {
                        return NODES.textNode(b.value().toString());
                    }
                    throw mismatch(v);
                case "bigint":
                    return NODES.textNode(bigint(bytes(v)).toString());
                case "addr":
                    return NODES.textNode(address(bytes(v)).toString(network));
                case "cid":
                    if (v instanceof Cbor.Link l) {
                        return DagCborJson.link(l.cid());
                    }
                    throw mismatch(v);
                case "bytes":
                    return NODES.textNode(Base64.getEncoder().encodeToString(bytes(v)));
                case "hex":
                    return NODES.textNode("0x" + HexFormat.of().formatHex(bytes(v)));
                case "str":
                    if (v instanceof Cbor.Text t) {
                        return NODES.textNode(t.value());
                    }
                    throw mismatch(v);
                case "bool":
                    if (v instanceof Cbor.Bool b) {
                        return NODES.booleanNode(b.value());
                    }
                    throw mismatch(v);
                case "label":
                    // deal labels are a CBOR union of text and bytes
                    return v instanceof Cbor.Text t ? NODES.textNode(t.value())
                            : NODES.textNode(Base64.getEncoder().encodeToString(bytes(v)));
                case "peerid":
                    byte[] p = bytes(v);
                    return p.length == 0 ? NODES.nullNode() : NODES.textNode(Base58.encode(p));
                case "calldata":
                    return calldata(bytes(v));
                case "bitfield":
                    return RlePlus.decode(bytes(v));
                default:
                    throw new IllegalStateException("unknown primitive " + name);
            }
        }

        private SchemaMismatch mismatch(Cbor v) {
            return new SchemaMismatch("expected " + name + ", found a " + v.kind());
        }

        private byte[] bytes(Cbor v) {
            if (v instanceof Cbor.Bytes b) {
                return b.value();
            }
            throw mismatch(v);
        }
    }

    record ListOf(Shape item) implements Shape {
        @Override
        public JsonNode render(Cbor v, Network network) {
            if (!(v instanceof Cbor.Array a)) {
                throw new SchemaMismatch("expected a list, found a " + v.kind());
            }
            ArrayNode out = NODES.arrayNode(a.items().size());
            for (Cbor c : a.items()) {
                out.add(item.render(c, network));
            }
            return out;
        }
    }

    record Struct(List<Map.Entry<String, Shape>> fields) implements Shape {
        @Override
        public JsonNode render(Cbor v, Network network) {
            if (!(v instanceof Cbor.Array a)) {
                throw new SchemaMismatch("expected a " + fields.size() + "-field tuple, found a " + v.kind());
            }
            if (a.items().size() != fields.size()) {
                throw new SchemaMismatch("expected " + fields.size() + " fields, found " + a.items().size());
            }
            ObjectNode out = NODES.objectNode();
            for (int i = 0; i < fields.size(); i++) {
                Map.Entry<String, Shape> f = fields.get(i);
                try {
                    out.set(f.getKey(), f.getValue().render(a.items().get(i), network));
                } catch (SchemaMismatch e) {
                    throw new SchemaMismatch(f.getKey() + ": " + e.getMessage());
                }
            }
            return out;
        }
    }

    /** {@code <Name: T>}: a bare value (not a tuple) shown as a one-field object so it has a name. */
    record Named(String field, Shape inner) implements Shape {
        @Override
        public JsonNode render(Cbor v, Network network) {
            ObjectNode out = NODES.objectNode();
            out.set(field, inner.render(v, network));
            return out;
        }
    }

    /** {@code A | B}: versions of a struct that differ inside (fields added or reordered). */
    record OneOf(List<Shape> alternatives) implements Shape {
        @Override
        public JsonNode render(Cbor v, Network network) {
            SchemaMismatch last = null;
            for (Shape s : alternatives) {
                try {
                    return s.render(v, network);
                } catch (SchemaMismatch e) {
                    last = e;
                }
            }
            throw last;
        }
    }

    record Nullable(Shape inner) implements Shape {
        @Override
        public JsonNode render(Cbor v, Network network) {
            return v == Cbor.Null.INSTANCE ? NODES.nullNode() : inner.render(v, network);
        }
    }

    /** A reference to a named type, resolved lazily so types may refer to ones declared later. */
    record Ref(String name, Map<String, Shape> types) implements Shape {
        @Override
        public JsonNode render(Cbor v, Network network) {
            Shape s = types.get(name);
            if (s == null) {
                throw new IllegalStateException("undefined type @" + name);
            }
            return s.render(v, network);
        }
    }

    /** Filecoin big integers: empty for zero, else a sign byte (0 positive, 1 negative) and big-endian magnitude. */
    static BigInteger bigint(byte[] b) {
        if (b.length == 0) {
            return BigInteger.ZERO;
        }
        if (b[0] != 0 && b[0] != 1) {
            throw new SchemaMismatch("big integer has sign byte " + b[0] + " (expected 0 or 1)");
        }
        BigInteger magnitude = new BigInteger(1, java.util.Arrays.copyOfRange(b, 1, b.length));
        return b[0] == 1 ? magnitude.negate() : magnitude;
    }

    static Address address(byte[] b) {
        try {
            return Address.fromBytes(b);
        } catch (AddressException e) {
            throw new SchemaMismatch("not an address: " + e.getMessage());
        }
    }

    /** EVM calldata: the 4-byte function selector (when present) and the whole input as hex. */
    static JsonNode calldata(byte[] data) {
        ObjectNode out = NODES.objectNode();
        HexFormat hex = HexFormat.of();
        out.put("Selector", data.length >= 4 ? "0x" + hex.formatHex(data, 0, 4) : null);
        out.put("Calldata", "0x" + hex.formatHex(data));
        return out;
    }
}
