package contracts.abi;

import codec.address.Network;
import com.esaulpaugh.headlong.abi.ABIJSON;
import com.esaulpaugh.headlong.abi.ContractError;
import com.esaulpaugh.headlong.abi.Event;
import com.esaulpaugh.headlong.abi.Function;
import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;
import com.esaulpaugh.headlong.abi.TypeEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/**
 * A contract's ABI through headlong: encodes calls of its functions from JSON arguments and decodes
 * their outputs, reverts ({@code Error(string)}, {@code Panic(uint256)}, the ABI's custom errors)
 * and event logs, with the ABI's names and types.
 */
public final class ContractAbi {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ERROR_SELECTOR = HEX.parseHex("08c379a0");
    private static final byte[] PANIC_SELECTOR = HEX.parseHex("4e487b71");
    private static final Function ERROR = new Function("Error(string)");
    private static final Function PANIC = new Function("Panic(uint256)");

    private final List<Function> functions;
    private final List<Event<Tuple>> events;
    private final List<ContractError<Tuple>> errors;

    private ContractAbi(List<Function> functions, List<Event<Tuple>> events, List<ContractError<Tuple>> errors) {
        this.functions = functions;
        this.events = events;
        this.errors = errors;
    }

    /** Parses a JSON ABI (an array of function, event, error, constructor, fallback and receive entries). */
    public static ContractAbi parse(JsonNode abi) {
        if (abi == null || !abi.isArray()) {
            throw new AbiException("INVALID_ABI", "an ABI is a JSON array of entries such as {\"type\":\"function\",…}");
        }
        try {
            String json = abi.toString();
            return new ContractAbi(ABIJSON.parseNormalFunctions(json), ABIJSON.parseEvents(json), ABIJSON.parseErrors(json));
        } catch (RuntimeException e) {
            throw new AbiException("INVALID_ABI", "the ABI does not parse: " + e.getMessage());
        }
    }

    /** The function {@code method} names: a name (when not overloaded) or a signature such as {@code balanceOf(address)}. */
    public Function function(String method) {
        if (method == null || method.isBlank()) {
            throw new AbiException("INVALID_METHOD", "method is required: a function name or signature such as balanceOf(address)");
        }
        String m = method.replace(" ", "");
        List<Function> found = functions.stream()
                .filter(f -> m.contains("(") ? f.getCanonicalSignature().equals(canonical(m)) : f.getName().equals(m))
                .toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new AbiException("UNKNOWN_METHOD", "the ABI has no function " + method + " (it has: "
                    + String.join(", ", functions.stream().map(Function::getCanonicalSignature).toList()) + ")");
        }
        throw new AbiException("AMBIGUOUS_METHOD", method + " is overloaded; name one by signature: "
                + String.join(", ", found.stream().map(Function::getCanonicalSignature).toList()));
    }

    private static String canonical(String signature) {
        try {
            return new Function(signature).getCanonicalSignature();
        } catch (RuntimeException e) {
            throw new AbiException("INVALID_METHOD", "not a function signature: " + signature + " (" + e.getMessage() + ")");
        }
    }

    public static byte[] encodeCall(Function f, JsonNode args) {
        Tuple values = AbiValues.tuple(f.getInputs(), args, f.getName());
        try {
            ByteBuffer call = f.encodeCall(values);
            return Arrays.copyOf(call.array(), call.limit());
        } catch (IllegalArgumentException e) {
            throw new AbiException("INVALID_ARGUMENTS", f.getCanonicalSignature() + ": " + e.getMessage());
        }
    }

    /** The outputs of {@code f} as {@code [{name, type, value}]}. */
    public static JsonNode decodeOutputs(Function f, byte[] returned, Network network) {
        TupleType<Tuple> outputs = f.getOutputs();
        if (outputs.isEmpty()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        try {
            return AbiValues.named(outputs, f.decodeReturn(returned), network);
        } catch (RuntimeException e) {
            throw new AbiException("UNDECODABLE_RETURN", "the call returned 0x" + HEX.formatHex(returned)
                    + ", which does not decode as " + outputs + ": " + e.getMessage());
        }
    }

    /** A revert's data decoded: {@code {kind: error|panic|custom|unknown, name, signature, args, data}}. */
    public ObjectNode decodeRevert(byte[] data, Network network) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("data", "0x" + HEX.formatHex(data));
        if (data.length < 4) {
            out.put("kind", data.length == 0 ? "empty" : "unknown");
            return out;
        }
        byte[] selector = Arrays.copyOf(data, 4);
        // each candidate with the inputs that carry the ABI's argument names
        Map<Function, TupleType<?>> candidates = new LinkedHashMap<>();
        if (Arrays.equals(selector, ERROR_SELECTOR)) {
            candidates.put(ERROR, ERROR.getInputs());
        } else if (Arrays.equals(selector, PANIC_SELECTOR)) {
            candidates.put(PANIC, PANIC.getInputs());
        } else {
            errors.stream().filter(e -> Arrays.equals(e.function().selector(), selector))
                    .forEach(e -> candidates.put(e.function(), e.getInputs()));
        }
        for (Map.Entry<Function, TupleType<?>> c : candidates.entrySet()) {
            Function f = c.getKey();
            try {
                Tuple args = f.decodeCall(data);
                out.put("kind", f == ERROR ? "error" : f == PANIC ? "panic" : "custom");
                out.put("name", f.getName());
                out.put("signature", f.getCanonicalSignature());
                out.set("args", AbiValues.named(c.getValue(), args, network));
                if (f == ERROR) {
                    out.put("message", (String) args.get(0));
                }
                return out;
            } catch (RuntimeException e) {
                // not this one
            }
        }
        out.put("kind", "unknown");
        out.put("selector", "0x" + HEX.formatHex(selector));
        return out;
    }

    /** An EVM log decoded by the ABI's events, when one of them matches topic 0 (anonymous events are not matched). */
    public Optional<ObjectNode> decodeLog(List<byte[]> topics, byte[] data, Network network) {
        if (topics.isEmpty()) {
            return Optional.empty();
        }
        for (Event<Tuple> e : events) {
            if (e.isAnonymous() || !Arrays.equals(topic0(e), topics.get(0))) {
                continue;
            }
            try {
                Tuple args = e.decodeArgs(topics.toArray(new byte[0][]), data);
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                out.put("name", e.getName());
                out.put("signature", e.getCanonicalSignature());
                out.set("args", AbiValues.named(e.getInputs(), args, network));
                return Optional.of(out);
            } catch (RuntimeException ex) {
                // same signature, other indexing: try the next
            }
        }
        return Optional.empty();
    }

    private static byte[] topic0(Event<?> e) {
        return new Keccak.Digest256().digest(e.getCanonicalSignature().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Whether the function only reads (view or pure), i.e. an EthCall answers it. */
    public static boolean isReadOnly(Function f) {
        return f.getType() == TypeEnum.FUNCTION && ("view".equals(f.getStateMutability()) || "pure".equals(f.getStateMutability()));
    }
}
