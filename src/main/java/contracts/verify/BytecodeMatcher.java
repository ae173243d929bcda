package contracts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares a compiler's code with the chain's by Sourcify's rules. Library placeholders
 * ({@code __$…$__}) take the given address or, when none is given, the address the chain has at
 * that place; immutables (zero in compiled runtime code) take the chain's values. Then equal bytes
 * are a <b>full</b> match (the metadata hashes are equal too); equal bytes once every CBOR
 * metadata range of the compiled code ({@link Auxdata}) is masked in both are a <b>partial</b>
 * match; anything else is no match, with the first differing byte.
 */
public final class BytecodeMatcher {
    private static final HexFormat HEX = HexFormat.of();

    private BytecodeMatcher() {
    }

    /**
     * @param chain     the runtime code at the address ({@code EthGetCode})
     * @param compiled  the contract's {@code evm.deployedBytecode} ({@code object}, {@code linkReferences},
     *                  {@code immutableReferences})
     * @param libraries given library addresses by {@code file:Name} or {@code Name}
     */
    public static BytecodeMatch runtime(byte[] chain, JsonNode compiled, Map<String, String> libraries) {
        if (strip0x(compiled.path("object").asText("")).isEmpty()) {
            return BytecodeMatch.none("the contract has no runtime code (an interface or abstract contract)");
        }
        Map<String, String> found = new LinkedHashMap<>();
        Object linked = link(chain, compiled, libraries, found);
        if (linked instanceof String reason) {
            return BytecodeMatch.none(reason);
        }
        byte[] code = (byte[]) linked;
        for (var refs = compiled.path("immutableReferences").elements(); refs.hasNext(); ) {
            for (JsonNode ref : refs.next()) {
                int start = ref.path("start").asInt();
                int end = start + ref.path("length").asInt();
                if (end <= chain.length && end <= code.length) {
                    System.arraycopy(chain, start, code, start, end - start);
                }
            }
        }
        MatchKind kind = compare(chain, code);
        return kind == MatchKind.NONE ? BytecodeMatch.none(difference("the compiled code", chain, code))
                : new BytecodeMatch(kind, null, found);
    }

    /**
     * Compares the input that created the contract (init code followed by the ABI-encoded
     * constructor arguments) with the compiled creation code: its {@code evm.bytecode}, linked with
     * the given libraries or, failing those, the addresses the creation input has there. What
     * follows the compiled code in the input are the constructor arguments.
     */
    public static CreationMatch creation(byte[] input, JsonNode compiled, Map<String, String> libraries) {
        Object linked = link(input, compiled, libraries, new LinkedHashMap<>());
        if (linked instanceof String reason) {
            return CreationMatch.none(reason);
        }
        byte[] code = (byte[]) linked;
        int n = code.length;
        if (input.length < n) {
            return CreationMatch.none("the creation input (" + input.length + " bytes) is shorter than the compiled"
                    + " creation code (" + n + " bytes): " + difference("the compiled creation code", input, code));
        }
        byte[] prefix = Arrays.copyOf(input, n);
        MatchKind kind = compare(prefix, code);
        return kind == MatchKind.NONE ? CreationMatch.none(difference("the compiled creation code", prefix, code))
                : new CreationMatch(kind, null, HEX.formatHex(input, n, input.length));
    }

    private static MatchKind compare(byte[] chain, byte[] code) {
        if (Arrays.equals(chain, code)) {
            return MatchKind.FULL;
        }
        List<int[]> metadata = Auxdata.ranges(code);
        if (chain.length == code.length && !metadata.isEmpty()
                && Arrays.equals(Auxdata.masked(chain, metadata), Auxdata.masked(code, metadata))) {
            return MatchKind.PARTIAL;
        }
        return MatchKind.NONE;
    }

    /** The compiled object with its library placeholders filled, or why it cannot be (a String). */
    private static Object link(byte[] chain, JsonNode compiled, Map<String, String> libraries, Map<String, String> found) {
        char[] hex = strip0x(compiled.path("object").asText("")).toCharArray();
        for (var files = compiled.path("linkReferences").fields(); files.hasNext(); ) {
            var file = files.next();
            for (var libs = file.getValue().fields(); libs.hasNext(); ) {
                var lib = libs.next();
                String key = file.getKey() + ":" + lib.getKey();
                String given = libraries.getOrDefault(key, libraries.get(lib.getKey()));
                for (JsonNode ref : lib.getValue()) {
                    int start = ref.path("start").asInt();
                    int length = ref.path("length").asInt();
                    String address;
                    if (given != null) {
                        address = strip0x(given).toLowerCase(Locale.ROOT);
                    } else if (start + length <= chain.length) {
                        address = HEX.formatHex(chain, start, start + length);
                    } else {
                        return "the chain's code is too short for library " + key + " at byte " + start;
                    }
                    if (address.length() != 2 * length || 2 * (start + length) > hex.length) {
                        return "library " + key + " address must be " + length + " bytes";
                    }
                    address.getChars(0, address.length(), hex, 2 * start);
                    found.put(key, "0x" + address);
                }
            }
        }
        try {
            return HEX.parseHex(new String(hex));
        } catch (IllegalArgumentException e) {
            return "the compiled code has unlinked libraries: give their addresses";
        }
    }

    /** The first differing byte outside the compiled code's metadata ranges. */
    private static String difference(String subject, byte[] chainCode, byte[] compiledCode) {
        List<int[]> metadata = Auxdata.ranges(compiledCode);
        byte[] chain = Auxdata.masked(chainCode, metadata);
        byte[] compiled = Auxdata.masked(compiledCode, metadata);
        int n = Math.min(chain.length, compiled.length);
        for (int i = 0; i < n; i++) {
            if (chain[i] != compiled[i]) {
                return String.format("%s differs from the chain's at byte %d (chain 0x%02x, compiled 0x%02x;"
                        + " chain %d bytes, compiled %d bytes): check the compiler version, optimizer, runs and EVM version",
                        subject, i, chain[i] & 0xFF, compiled[i] & 0xFF, chain.length, compiled.length);
            }
        }
        return subject + " (" + compiled.length + " bytes) and the chain's (" + chain.length
                + " bytes) agree up to byte " + n + " and then one ends: check the compiler settings";
    }

    static String strip0x(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }
}
