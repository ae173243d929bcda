package contracts.abi;

import codec.address.Address;
import codec.address.Network;
import com.esaulpaugh.headlong.abi.ABIType;
import com.esaulpaugh.headlong.abi.ArrayType;
import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;

/**
 * JSON ⇄ headlong values. In: integers as JSON numbers or decimal/0x strings, addresses in 0x or
 * any Filecoin form that has one (f410, f0), bytes as 0x hex, arrays as arrays, tuples as arrays or
 * objects by component name. Out: integers as exact decimal strings, addresses as
 * {@code {eth, filecoin}} (f410 or, for a masked ID address, f0), bytes as 0x hex.
 */
final class AbiValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private AbiValues() {
    }

    static Tuple tuple(TupleType<?> types, JsonNode args, String where) {
        Object[] values = new Object[types.size()];
        boolean byName = args != null && args.isObject();
        int given = args == null || args.isNull() ? 0 : byName ? args.size() : args.size();
        if (args != null && !args.isNull() && !args.isArray() && !byName) {
            throw new AbiException("INVALID_ARGUMENTS", where + ": arguments are a JSON array (or an object by name)");
        }
        if (given != types.size()) {
            throw new AbiException("INVALID_ARGUMENTS", where + " takes " + types.size() + " argument(s) " + types
                    + ", " + given + " given");
        }
        for (int i = 0; i < types.size(); i++) {
            String name = types.getElementName(i);
            JsonNode value = byName ? args.get(name == null ? "" : name) : args.get(i);
            String at = where + " argument " + (name == null || name.isEmpty() ? "#" + i : "'" + name + "'");
            if (value == null) {
                throw new AbiException("INVALID_ARGUMENTS", at + " is missing");
            }
            values[i] = value(types.get(i), value, at);
        }
        return Tuple.from(values);
    }

    private static Object value(ABIType<?> type, JsonNode v, String at) {
        String t = type.getCanonicalType();
        try {
            switch (type.typeCode()) {
                case ABIType.TYPE_CODE_BOOLEAN:
                    if (!v.isBoolean()) {
                        throw mismatch(at, t, v);
                    }
                    return v.booleanValue();
                case ABIType.TYPE_CODE_INT:
                    return integer(v, at, t).intValueExact();
                case ABIType.TYPE_CODE_LONG:
                    return integer(v, at, t).longValueExact();
                case ABIType.TYPE_CODE_BIG_INTEGER:
                    return integer(v, at, t);
                case ABIType.TYPE_CODE_BIG_DECIMAL:
                    return new BigDecimal(v.asText());
                case ABIType.TYPE_CODE_ADDRESS:
                    return address(v, at);
                case ABIType.TYPE_CODE_TUPLE:
                    return tuple(type.asTupleType(), v, at);
                case ABIType.TYPE_CODE_ARRAY:
                    return array(type.asArrayType(), v, at);
                default:
                    throw mismatch(at, t, v);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw mismatch(at, t, v);
        }
    }

    private static Object array(ArrayType<?, ?, ?> type, JsonNode v, String at) {
        String t = type.getCanonicalType();
        if (type.isString()) {
            if (!v.isTextual()) {
                throw mismatch(at, t, v);
            }
            return v.asText();
        }
        if (type.getElementType().typeCode() == ABIType.TYPE_CODE_BYTE) {
            if (!v.isTextual() || !v.asText().matches("0x([0-9a-fA-F]{2})*")) {
                throw new AbiException("INVALID_ARGUMENTS", at + " (" + t + ") must be 0x-prefixed hex bytes");
            }
            byte[] bytes = HEX.parseHex(v.asText().substring(2));
            if (type.getLength() != ArrayType.DYNAMIC_LENGTH && bytes.length != type.getLength()) {
                throw new AbiException("INVALID_ARGUMENTS", at + " (" + t + ") must be exactly " + type.getLength()
                        + " bytes, got " + bytes.length);
            }
            return bytes;
        }
        if (!v.isArray()) {
            throw mismatch(at, t, v);
        }
        if (type.getLength() != ArrayType.DYNAMIC_LENGTH && v.size() != type.getLength()) {
            throw new AbiException("INVALID_ARGUMENTS", at + " (" + t + ") needs " + type.getLength() + " elements, got " + v.size());
        }
        Object out = Array.newInstance(type.clazz().getComponentType(), v.size());
        for (int i = 0; i < v.size(); i++) {
            Array.set(out, i, value(type.getElementType(), v.get(i), at + "[" + i + "]"));
        }
        return out;
    }

    private static BigInteger integer(JsonNode v, String at, String t) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.matches("-?[0-9]{1,80}")) {
                return new BigInteger(s);
            }
            if (s.matches("0x[0-9a-fA-F]{1,64}")) {
                return new BigInteger(s.substring(2), 16);
            }
        }
        throw mismatch(at, t, v);
    }

    private static com.esaulpaugh.headlong.abi.Address address(JsonNode v, String at) {
        if (!v.isTextual()) {
            throw mismatch(at, "address", v);
        }
        String eth;
        try {
            String s = v.asText().trim();
            eth = Address.isEthAddress(s) ? s.toLowerCase(Locale.ROOT) : Address.parse(s).toEth();
        } catch (RuntimeException e) {
            throw new AbiException("INVALID_ARGUMENTS", at + " (address): " + e.getMessage());
        }
        return com.esaulpaugh.headlong.abi.Address.wrap(com.esaulpaugh.headlong.abi.Address.toChecksumAddress(eth));
    }

    private static AbiException mismatch(String at, String type, JsonNode v) {
        String shown = v.toString();
        return new AbiException("INVALID_ARGUMENTS", at + " must be a " + type + ", got "
                + (shown.length() > 60 ? shown.substring(0, 60) + "…" : shown));
    }

    /** Decoded values with their ABI names and types: {@code [{name, type, value}]}. */
    static ArrayNode named(TupleType<?> types, Tuple values, Network network) {
        ArrayNode out = F.arrayNode();
        for (int i = 0; i < types.size(); i++) {
            ObjectNode one = out.addObject();
            String name = types.getElementName(i);
            one.put("name", name == null ? "" : name);
            one.put("type", types.get(i).getCanonicalType());
            one.set("value", json(types.get(i), values.get(i), network));
        }
        return out;
    }

    static JsonNode json(ABIType<?> type, Object v, Network network) {
        switch (type.typeCode()) {
            case ABIType.TYPE_CODE_BOOLEAN:
                return F.booleanNode((Boolean) v);
            case ABIType.TYPE_CODE_INT:
            case ABIType.TYPE_CODE_LONG:
            case ABIType.TYPE_CODE_BIG_INTEGER:
                return F.textNode(v.toString());
            case ABIType.TYPE_CODE_BIG_DECIMAL:
                return F.textNode(((BigDecimal) v).toPlainString());
            case ABIType.TYPE_CODE_ADDRESS:
                return address((com.esaulpaugh.headlong.abi.Address) v, network);
            case ABIType.TYPE_CODE_TUPLE: {
                TupleType<?> tt = type.asTupleType();
                ObjectNode o = F.objectNode();
                Tuple t = (Tuple) v;
                for (int i = 0; i < tt.size(); i++) {
                    String name = tt.getElementName(i);
                    o.set(name == null || name.isEmpty() ? Integer.toString(i) : name, json(tt.get(i), t.get(i), network));
                }
                return o;
            }
            case ABIType.TYPE_CODE_ARRAY: {
                ArrayType<?, ?, ?> at = type.asArrayType();
                if (at.isString()) {
                    return F.textNode((String) v);
                }
                if (at.getElementType().typeCode() == ABIType.TYPE_CODE_BYTE) {
                    return F.textNode("0x" + HEX.formatHex((byte[]) v));
                }
                ArrayNode a = F.arrayNode();
                for (int i = 0; i < Array.getLength(v); i++) {
                    a.add(json(at.getElementType(), Array.get(v, i), network));
                }
                return a;
            }
            default:
                return F.textNode(String.valueOf(v));
        }
    }

    private static ObjectNode address(com.esaulpaugh.headlong.abi.Address a, Network network) {
        String eth = a.toString().toLowerCase(Locale.ROOT);
        ObjectNode o = F.objectNode();
        o.put("eth", eth);
        try {
            o.put("filecoin", Address.fromEth(eth).toString(network));
        } catch (RuntimeException e) {
            // every 20 bytes have an f410 form; nothing to add if the codec says otherwise
        }
        return o;
    }
}
