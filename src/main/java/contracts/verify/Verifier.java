package contracts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.solc.CompilerWorkers;
import contracts.solc.SolcCache;
import contracts.solc.SolcVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/**
 * Compiles the sources with the exact compiler asked for and compares the result with the chain:
 * the runtime code always, the creation input and constructor arguments where the creation is
 * indexed. As with Sourcify, the runtime code decides whether the contract is verified (the
 * outcome's match is the runtime's, the creation's is beside it); constructor arguments that were given must be the ones
 * the contract was created with (as with Etherscan), else there is no match and that is the reason.
 */
public final class Verifier {
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] OUTPUTS = {"abi", "metadata", "evm.bytecode.object", "evm.bytecode.linkReferences",
        "evm.deployedBytecode.object", "evm.deployedBytecode.linkReferences", "evm.deployedBytecode.immutableReferences"};

    private final SolcCache compilers;
    private final CompilerWorkers workers;
    private final ChainCode chain;

    public Verifier(SolcCache compilers, CompilerWorkers workers, ChainCode chain) {
        this.compilers = compilers;
        this.workers = workers;
        this.chain = chain;
    }

    public Outcome verify(VerificationRequest request) {
        byte[] runtime = chain.runtimeCode(request.address());
        if (runtime.length == 0) {
            return Outcome.none("no contract code at " + request.address() + " (not an EVM contract, or not deployed)");
        }
        Path soljson = compilers.soljson(request.compiler());
        ObjectNode input = request.standardJson().deepCopy();
        ObjectNode settings = (ObjectNode) input.path("settings");
        ObjectNode selection = settings.putObject("outputSelection");
        ArrayNode wanted = selection.putObject(request.sourcePath() == null ? "*" : request.sourcePath())
                .putArray(request.contractName());
        for (String o : OUTPUTS) {
            wanted.add(o);
        }
        CompilerWorkers.Compiled compiled = workers.compile(soljson, input.toString());
        if (!request.compiler().isReportedBy(compiled.compilerVersion())) {
            return Outcome.none("wrong compiler: asked for " + request.compiler() + ", the npm package solc@"
                    + request.compiler().release() + " is " + SolcVersion.longFormOf(compiled.compilerVersion()));
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode e : compiled.output().path("errors")) {
            if ("error".equalsIgnoreCase(e.path("severity").asText())) {
                errors.add(e.path("formattedMessage").asText(e.path("message").asText()).strip());
            }
        }
        if (!errors.isEmpty()) {
            throw new VerificationInputException("COMPILATION_FAILED", "the sources do not compile with "
                    + request.compiler() + ": " + InputForms.shorten(String.join("; ", errors).replace('\n', ' ')));
        }
        Map.Entry<String, JsonNode> contract = find(compiled.output(), request.sourcePath(), request.contractName());
        JsonNode evm = contract.getValue().path("evm");
        Map<String, String> libraries = new java.util.LinkedHashMap<>(InputForms.librariesOf(input));
        libraries.putAll(request.libraries());
        BytecodeMatch match = BytecodeMatcher.runtime(runtime, evm.path("deployedBytecode"), libraries);
        if (match.kind() == MatchKind.NONE) {
            return Outcome.none(match.reason());
        }
        CreationMatch atCreation = null;
        String constructorArgs = request.constructorArgs();
        Optional<byte[]> creation = chain.creationInput(request.address());
        if (creation.isPresent()) {
            Map<String, String> linked = new java.util.LinkedHashMap<>(match.libraries());
            linked.putAll(libraries);
            atCreation = BytecodeMatcher.creation(creation.get(), evm.path("bytecode"), linked);
            if (atCreation.kind() != MatchKind.NONE) {
                if (!constructorArgs.isEmpty() && !constructorArgs.equals(atCreation.constructorArgs())) {
                    return Outcome.none(wrongArguments(atCreation.constructorArgs(), constructorArgs));
                }
                constructorArgs = atCreation.constructorArgs();
            }
        }
        ObjectNode sources = input.objectNode();
        input.path("sources").fields().forEachRemaining(s -> sources.put(s.getKey(), s.getValue().path("content").asText()));
        ObjectNode storedSettings = request.standardJson().path("settings").deepCopy();
        storedSettings.remove("outputSelection");
        String path = contract.getKey();
        return new Outcome(match.kind(), null, path.substring(path.lastIndexOf(':') + 1), path.substring(0, path.lastIndexOf(':')),
                SolcVersion.longFormOf(compiled.compilerVersion()), storedSettings, sources,
                contract.getValue().path("abi"), "0x" + HEX.formatHex(new Keccak.Digest256().digest(runtime)), match.libraries(),
                atCreation == null ? null : atCreation.kind(), atCreation == null ? null : atCreation.reason(), constructorArgs);
    }

    /** Names the first 32-byte word of the ABI encoding where the given arguments differ from the creation's. */
    static String wrongArguments(String created, String given) {
        int word = 0;
        while (64 * (word + 1) <= Math.min(created.length(), given.length())
                && created.regionMatches(64 * word, given, 64 * word, 64)) {
            word++;
        }
        return "wrong constructor arguments: the contract was created with " + created.length() / 2 + " bytes of arguments, "
                + given.length() / 2 + " given; they differ at word " + word + " (bytes " + 32 * word + "–" + (32 * word + 31)
                + "): created " + slice(created, word) + ", given " + slice(given, word);
    }

    private static String slice(String hex, int word) {
        return 64 * word >= hex.length() ? "nothing" : "0x" + hex.substring(64 * word, Math.min(hex.length(), 64 * word + 64));
    }

    /** The contract's output, keyed {@code path:Name}. */
    private static Map.Entry<String, JsonNode> find(JsonNode output, String path, String name) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        List<String> all = new ArrayList<>();
        output.path("contracts").fields().forEachRemaining(file -> file.getValue().fields().forEachRemaining(c -> {
            all.add(file.getKey() + ":" + c.getKey());
            if (c.getKey().equals(name) && (path == null || path.equals(file.getKey()))) {
                found.add(Map.entry(file.getKey() + ":" + c.getKey(), c.getValue()));
            }
        }));
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new VerificationInputException("CONTRACT_NOT_FOUND", "contract " + (path == null ? "" : path + ":") + name
                    + " is not in the compiled sources" + (all.isEmpty() ? "" : " (they have " + InputForms.shorten(String.join(", ", all)) + ")"));
        }
        throw new VerificationInputException("AMBIGUOUS_CONTRACT", "several files declare " + name
                + ": name it as path:Name (" + InputForms.shorten(found.stream().map(Map.Entry::getKey).toList().toString()) + ")");
    }
}
