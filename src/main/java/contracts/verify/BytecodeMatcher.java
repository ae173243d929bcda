package contracts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compares a compiler's code with the chain's by Sourcify's rules. Library placeholders
 * ({@code __$…$__}) take the given address or, when none is given, the address the chain has at
 * that place; immutables (zero in compiled runtime code) take the chain's values. Then equal bytes
 * are a <b>full</b> match (the metadata hash at the end is equal too); equal bytes once the CBOR
 * metadata tail is cut from both are a <b>partial</b> match; anything else is no match, with the
 * first differing byte.
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
        String object = strip0x(compiled.path("object").asText(""));
        if (object.isEmpty()) {
            return BytecodeMatch.none("the contract has no runtime code (an interface or abstract contract)");
        }
        Map<String, String> found = new LinkedHashMap<>();
        char[] hex = object.toCharArray();
        JsonNode links = compiled.path("linkReferences");
        for (var files = links.fields(); files.hasNext(); ) {
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
                        address = strip0x(given).toLowerCase(java.util.Locale.ROOT);
                    } else if (start + length <= chain.length) {
                        address = HEX.formatHex(chain, start, start + length);
                    } else {
                        return BytecodeMatch.none("the chain's code is too short for library " + key + " at byte " + start);
                    }
                    if (address.length() != 2 * length) {
                        return BytecodeMatch.none("library " + key + " address must be " + length + " bytes");
                    }
                    address.getChars(0, address.length(), hex, 2 * start);
                    found.put(key, "0x" + address);
                }
            }
        }
        byte[] code;
        try {
            code = HEX.parseHex(new String(hex));
        } catch (IllegalArgumentException e) {
            return BytecodeMatch.none("the compiled code has unlinked libraries: give their addresses");
        }
        for (var refs = compiled.path("immutableReferences").elements(); refs.hasNext(); ) {
            for (JsonNode ref : refs.next()) {
                int start = ref.path("start").asInt();
                int end = start + ref.path("length").asInt();
                if (end <= chain.length && end <= code.length) {
                    System.arraycopy(chain, start, code, start, end - start);
                }
            }
        }
        if (Arrays.equals(code, chain)) {
            return new BytecodeMatch(MatchKind.FULL, null, found);
        }
        byte[] chainBody = withoutMetadata(chain);
        byte[] codeBody = withoutMetadata(code);
        if (Arrays.equals(chainBody, codeBody)) {
            return new BytecodeMatch(MatchKind.PARTIAL, null, found);
        }
        return BytecodeMatch.none(difference(chainBody, codeBody));
    }

    /**
     * Compares creation input ({@code EthGetTransactionByHash(...).input}) with compiled creation code
     * followed by the constructor arguments; the metadata inside creation code may differ (partial).
     */
    public static BytecodeMatch creation(byte[] creationInput, byte[] compiledCreation, byte[] constructorArgs) {
        int n = compiledCreation.length;
        if (creationInput.length < n) {
            return BytecodeMatch.none("the creation input (" + creationInput.length
                    + " bytes) is shorter than the compiled creation code (" + n + " bytes)");
        }
        byte[] args = Arrays.copyOfRange(creationInput, n, creationInput.length);
        byte[] prefix = Arrays.copyOf(creationInput, n);
        if (!Arrays.equals(withoutMetadata(prefix), withoutMetadata(compiledCreation))) {
            return BytecodeMatch.none("creation code: " + difference(withoutMetadata(prefix), withoutMetadata(compiledCreation)));
        }
        if (constructorArgs != null && !Arrays.equals(args, constructorArgs)) {
            return BytecodeMatch.none("wrong constructor arguments: the creation transaction has 0x" + HEX.formatHex(args)
                    + ", given 0x" + HEX.formatHex(constructorArgs));
        }
        return new BytecodeMatch(Arrays.equals(prefix, compiledCreation) ? MatchKind.FULL : MatchKind.PARTIAL, null, Map.of());
    }

    /**
     * The code without the CBOR metadata solc appends (its length is the last two bytes, big
     * endian, and it is a CBOR map); unchanged when there is none.
     */
    static byte[] withoutMetadata(byte[] code) {
        if (code.length < 2) {
            return code;
        }
        int length = ((code[code.length - 2] & 0xFF) << 8) | (code[code.length - 1] & 0xFF);
        int start = code.length - 2 - length;
        if (length == 0 || start < 0 || (code[start] & 0xE0) != 0xA0) {
            return code;
        }
        return Arrays.copyOf(code, start);
    }

    private static String difference(byte[] chain, byte[] compiled) {
        int n = Math.min(chain.length, compiled.length);
        for (int i = 0; i < n; i++) {
            if (chain[i] != compiled[i]) {
                return String.format("the compiled code differs from the chain's at byte %d (chain 0x%02x, compiled 0x%02x;"
                        + " chain %d bytes, compiled %d bytes without metadata): check the compiler version,"
                        + " optimizer, runs and EVM version", i, chain[i] & 0xFF, compiled[i] & 0xFF, chain.length, compiled.length);
            }
        }
        return "the compiled code (" + compiled.length + " bytes without metadata) and the chain's (" + chain.length
                + " bytes) agree up to byte " + n + " and then one ends: check the compiler settings";
    }

    static String strip0x(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }
}
