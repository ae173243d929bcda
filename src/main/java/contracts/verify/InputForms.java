package contracts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.solc.SolcVersion;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The forms developers' tools send sources in, turned into one standard JSON input: a standard JSON
 * input as it is (Hardhat, Foundry, Sourcify), a single file or several files with compiler
 * settings (optimizer, runs, EVM version, libraries), or a build artifact (Hardhat or Foundry build
 * info, which carries its input and compiler version).
 */
public final class InputForms {
    public static final String SOLIDITY = "Solidity";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX = Pattern.compile("(0x)?([0-9a-fA-F]{2})*");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern EVM_VERSION = Pattern.compile("[a-z]{3,20}");

    private InputForms() {
    }

    public static SolcVersion compiler(String text) {
        if (text == null || text.isBlank()) {
            throw new VerificationInputException("MISSING_COMPILER_VERSION",
                    "the compiler version is required, e.g. v0.8.24+commit.e11b9ed9 or 0.8.24");
        }
        return SolcVersion.parse(text).orElseThrow(() -> new VerificationInputException("UNKNOWN_COMPILER_VERSION",
                "unknown compiler version '" + shorten(text) + "': give a solc release such as v0.8.24+commit.e11b9ed9"
                        + " (nightly builds are not supported)"));
    }

    /** A standard JSON input given as text. */
    public static ObjectNode standardJson(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text == null ? "" : text);
        } catch (IOException e) {
            throw new VerificationInputException("INVALID_SOURCE",
                    "the standard JSON input does not parse: " + firstLine(e.getMessage()));
        }
        return checkedStandardJson(node);
    }

    public static ObjectNode checkedStandardJson(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("sources").isObject() || node.path("sources").isEmpty()) {
            throw new VerificationInputException("INVALID_SOURCE",
                    "a standard JSON input is an object with \"language\" and a non-empty \"sources\" object");
        }
        String language = node.path("language").asText(SOLIDITY);
        if (!SOLIDITY.equals(language)) {
            throw new VerificationInputException("UNSUPPORTED_LANGUAGE",
                    "only Solidity sources are verified (language '" + shorten(language) + "')");
        }
        for (var it = node.path("sources").fields(); it.hasNext(); ) {
            var source = it.next();
            if (!source.getValue().path("content").isTextual()) {
                throw new VerificationInputException("INVALID_SOURCE", "source '" + shorten(source.getKey())
                        + "' has no \"content\" (URLs are not fetched: give every file's content)");
            }
        }
        ObjectNode copy = node.deepCopy();
        copy.put("language", SOLIDITY);
        if (!copy.path("settings").isObject()) {
            copy.putObject("settings");
        }
        return copy;
    }

    /**
     * Files with compiler settings: {@code optimizer} (enabled, runs), {@code evmVersion}, {@code libraries}
     * ({@code {"file:Name" or "Name": "0x…"}}); the rest of {@code settings} as standard JSON has it.
     */
    public static ObjectNode files(Map<String, String> files, JsonNode settings) {
        if (files.isEmpty()) {
            throw new VerificationInputException("INVALID_SOURCE", "no source files given");
        }
        ObjectNode input = JSON.createObjectNode();
        input.put("language", SOLIDITY);
        ObjectNode sources = input.putObject("sources");
        files.forEach((path, content) -> sources.putObject(path).put("content", content));
        ObjectNode s = settings != null && settings.isObject() ? ((ObjectNode) settings).deepCopy() : JSON.createObjectNode();
        if (s.has("evmVersion")) {
            evmVersion(s.path("evmVersion").asText());
        }
        if (s.path("libraries").isObject()) {
            s.set("libraries", libraries(s.path("libraries"), files.keySet().iterator().next()));
        }
        input.set("settings", s);
        return input;
    }

    /** Etherscan's single-file form: source text, optimizer on/off, runs, EVM version. */
    public static ObjectNode singleFile(String name, String source, boolean optimize, int runs, String evmVersion,
                                        Map<String, String> libraries) {
        ObjectNode settings = JSON.createObjectNode();
        settings.putObject("optimizer").put("enabled", optimize).put("runs", runs);
        if (evmVersion != null && !evmVersion.isBlank() && !"default".equalsIgnoreCase(evmVersion)) {
            settings.put("evmVersion", evmVersion(evmVersion));
        }
        String path = name + ".sol";
        if (!libraries.isEmpty()) {
            ObjectNode libs = settings.putObject("libraries").putObject(path);
            libraries.forEach((lib, address) -> libs.put(lib, address(lib, address)));
        }
        return files(Map.of(path, source == null ? "" : source), settings);
    }

    /** A Hardhat ({@code solcLongVersion}, {@code input}) or Foundry ({@code solcVersion}/{@code solc_version}, {@code input}) build info. */
    public static SolcVersion buildInfoCompiler(JsonNode buildInfo) {
        for (String field : new String[] {"solcLongVersion", "solcVersion", "solc_version"}) {
            if (buildInfo.path(field).isTextual()) {
                return compiler(buildInfo.path(field).asText());
            }
        }
        throw new VerificationInputException("INVALID_ARTIFACT",
                "a build info artifact names its compiler in solcLongVersion or solcVersion");
    }

    public static ObjectNode buildInfoInput(JsonNode buildInfo) {
        if (!buildInfo.path("input").isObject()) {
            throw new VerificationInputException("INVALID_ARTIFACT", "a build info artifact has the standard JSON \"input\"");
        }
        return checkedStandardJson(buildInfo.path("input"));
    }

    /**
     * filflow's own upload body: {@code compilerVersion}, {@code contractName} ({@code Name} or
     * {@code path:Name}), one of {@code standardJson}, {@code files} ({path: content}), {@code source}
     * (one file) or {@code buildInfo} (Hardhat/Foundry build info), optional {@code settings}
     * (optimizer, evmVersion, libraries) and {@code constructorArgs} (hex).
     */
    public static VerificationRequest upload(JsonNode body, String address, long chainId, String verifiedBy) {
        if (body == null || !body.isObject()) {
            throw new VerificationInputException("INVALID_BODY", "the body is a JSON object: {compilerVersion, contractName,"
                    + " standardJson | files | source | buildInfo, settings?, constructorArgs?}");
        }
        String[] forms = {"standardJson", "files", "source", "buildInfo"};
        long given = java.util.Arrays.stream(forms).filter(body::hasNonNull).count();
        if (given != 1) {
            throw new VerificationInputException("INVALID_SOURCE",
                    "give the sources in exactly one of standardJson, files, source or buildInfo (" + given + " given)");
        }
        SolcVersion compiler;
        ObjectNode input;
        if (body.hasNonNull("buildInfo")) {
            JsonNode info = body.get("buildInfo");
            compiler = body.hasNonNull("compilerVersion") ? compiler(body.get("compilerVersion").asText()) : buildInfoCompiler(info);
            input = buildInfoInput(info);
        } else {
            compiler = compiler(body.path("compilerVersion").asText(null));
            if (body.hasNonNull("standardJson")) {
                JsonNode sj = body.get("standardJson");
                input = sj.isTextual() ? standardJson(sj.asText()) : checkedStandardJson(sj);
            } else if (body.hasNonNull("files")) {
                if (!body.get("files").isObject()) {
                    throw new VerificationInputException("INVALID_SOURCE", "files is an object {path: content}");
                }
                Map<String, String> files = new LinkedHashMap<>();
                body.get("files").fields().forEachRemaining(f -> {
                    if (!f.getValue().isTextual()) {
                        throw new VerificationInputException("INVALID_SOURCE", "file '" + shorten(f.getKey()) + "' is not text");
                    }
                    files.put(f.getKey(), f.getValue().asText());
                });
                input = files(files, body.get("settings"));
            } else {
                if (!body.get("source").isTextual()) {
                    throw new VerificationInputException("INVALID_SOURCE", "source is the text of one Solidity file");
                }
                String[] id = contractId(body.path("contractName").asText(""));
                input = files(Map.of(id[0] == null ? id[1] + ".sol" : id[0], body.get("source").asText()), body.get("settings"));
            }
        }
        String[] id = contractId(body.path("contractName").asText(""));
        return new VerificationRequest(address, chainId, compiler, input, id[0], id[1],
                constructorArgs(body.path("constructorArgs").asText(null)), Map.of(), verifiedBy);
    }

    /** {@code path:Name} → [path, Name]; {@code Name} → [null, Name]. */
    public static String[] contractId(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        String path = colon > 0 ? t.substring(0, colon) : null;
        String name = colon >= 0 ? t.substring(colon + 1) : t;
        if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]{0,127}")) {
            throw new VerificationInputException("INVALID_CONTRACT_NAME", "contractName must be a contract name or path:Name, got '"
                    + shorten(t) + "'");
        }
        return new String[] {path, name};
    }

    /** Library addresses keyed {@code file:Name} or {@code Name} → standard JSON's {@code {file: {Name: address}}}. */
    private static ObjectNode libraries(JsonNode given, String defaultFile) {
        ObjectNode out = JSON.createObjectNode();
        for (var it = given.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isObject()) {   // already {file: {Name: address}}
                ObjectNode file = out.putObject(e.getKey());
                e.getValue().fields().forEachRemaining(l -> file.put(l.getKey(), address(l.getKey(), l.getValue().asText())));
                continue;
            }
            String key = e.getKey();
            int colon = key.lastIndexOf(':');
            String file = colon > 0 ? key.substring(0, colon) : defaultFile;
            String name = colon > 0 ? key.substring(colon + 1) : key;
            ObjectNode f = out.has(file) ? (ObjectNode) out.get(file) : out.putObject(file);
            f.put(name, address(key, e.getValue().asText()));
        }
        return out;
    }

    /** {@code file:Name} and {@code Name} → address, from a standard JSON input's {@code settings.libraries}. */
    public static Map<String, String> librariesOf(ObjectNode standardJson) {
        Map<String, String> out = new LinkedHashMap<>();
        standardJson.path("settings").path("libraries").fields().forEachRemaining(file ->
                file.getValue().fields().forEachRemaining(lib -> {
                    String address = address(lib.getKey(), lib.getValue().asText());
                    out.put(file.getKey() + ":" + lib.getKey(), address);
                    out.putIfAbsent(lib.getKey(), address);
                }));
        return out;
    }

    public static String address(String what, String address) {
        if (address == null || !ADDRESS.matcher(address.trim()).matches()) {
            throw new VerificationInputException("INVALID_LIBRARY",
                    "library " + shorten(what) + " needs a 0x address of 20 bytes, got '" + shorten(String.valueOf(address)) + "'");
        }
        return address.trim().toLowerCase(Locale.ROOT);
    }

    public static String evmVersion(String v) {
        if (!EVM_VERSION.matcher(v).matches()) {
            throw new VerificationInputException("INVALID_SETTINGS", "unknown EVM version '" + shorten(v) + "'");
        }
        return v;
    }

    /** Constructor arguments as hex without 0x (empty when none). */
    public static String constructorArgs(String hex) {
        if (hex == null || hex.isBlank()) {
            return "";
        }
        String h = hex.trim();
        if (!HEX.matcher(h).matches()) {
            throw new VerificationInputException("INVALID_CONSTRUCTOR_ARGUMENTS",
                    "constructor arguments must be ABI-encoded hex (an even number of hex digits)");
        }
        return BytecodeMatcher.strip0x(h).toLowerCase(Locale.ROOT);
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private static String firstLine(String s) {
        return s == null ? "" : shorten(s.lines().findFirst().orElse(""));
    }
}
