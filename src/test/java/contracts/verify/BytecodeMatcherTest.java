package contracts.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.solc.Compilers;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sourcify's rules on real solc 0.8.24 output: the "chain" code is what the EVM would hold (the
 * compiled runtime, with immutables written and libraries linked as a deployment does).
 */
class BytecodeMatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final String SOURCE = """
            // SPDX-License-Identifier: MIT
            pragma solidity ^0.8.24;
            library Maths { function twice(uint256 x) external pure returns (uint256) { return 2 * x; } }
            contract Vault {
                uint256 public immutable cap;
                address public immutable keeper;
                constructor(uint256 c) { cap = c; keeper = msg.sender; }
                function doubled(uint256 x) external pure returns (uint256) { return Maths.twice(x); }
            }
            """;

    @Test
    void theSameSourcesAndSettingsAreAFullMatchWithImmutablesAndLibraries() {
        JsonNode compiled = deployed(SOURCE, false);
        byte[] chain = asDeployed(compiled, "00000000000000000000000000000000000000000000000000000000000003e8",
                "000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266", "5fbdb2315678afecb367f032d93f642f64180aa3");

        BytecodeMatch match = BytecodeMatcher.runtime(chain, compiled, Map.of());

        assertThat(match.kind()).isEqualTo(MatchKind.FULL);
        assertThat(match.libraries()).containsEntry("Vault.sol:Maths", "0x5fbdb2315678afecb367f032d93f642f64180aa3");
    }

    @Test
    void anotherCommentChangesOnlyTheMetadataHashAPartialMatch() {
        byte[] chain = asDeployed(deployed(SOURCE, false), "00".repeat(31) + "01", "00".repeat(32), "11".repeat(20));

        BytecodeMatch match = BytecodeMatcher.runtime(chain, deployed(SOURCE + "// changed\n", false), Map.of());

        assertThat(match.kind()).isEqualTo(MatchKind.PARTIAL);
    }

    @Test
    void theOptimizerOnIsNoMatchWithTheFirstDifferingByte() {
        byte[] chain = asDeployed(deployed(SOURCE, false), "00".repeat(31) + "01", "00".repeat(32), "11".repeat(20));

        BytecodeMatch match = BytecodeMatcher.runtime(chain, deployed(SOURCE, true), Map.of());

        assertThat(match.kind()).isEqualTo(MatchKind.NONE);
        assertThat(match.reason()).contains("differs from the chain's at byte").contains("optimizer");
    }

    @Test
    void aGivenLibraryAddressMustBeTheOneTheChainHas() {
        JsonNode compiled = deployed(SOURCE, false);
        byte[] chain = asDeployed(compiled, "00".repeat(32), "00".repeat(32), "11".repeat(20));

        assertThat(BytecodeMatcher.runtime(chain, compiled, Map.of("Maths", "0x" + "11".repeat(20))).kind())
                .isEqualTo(MatchKind.FULL);
        assertThat(BytecodeMatcher.runtime(chain, compiled, Map.of("Maths", "0x" + "22".repeat(20))).kind())
                .isEqualTo(MatchKind.NONE);
    }

    @Test
    void whatFollowsTheCreationCodeAreTheConstructorArguments() {
        ObjectNode out = compile("contract C { uint256 public x; constructor(uint256 a) { x = a; } }", false);
        JsonNode compiled = out.at("/contracts/C.sol/C/evm/bytecode");
        byte[] input = concat(HEX.parseHex(compiled.path("object").asText()), HEX.parseHex("00".repeat(31) + "2a"));

        CreationMatch match = BytecodeMatcher.creation(input, compiled, Map.of());

        assertThat(match.kind()).isEqualTo(MatchKind.FULL);
        assertThat(match.constructorArgs()).isEqualTo("00".repeat(31) + "2a");
        JsonNode optimized = compile("contract C { uint256 public x; constructor(uint256 a) { x = a; } }", true)
                .at("/contracts/C.sol/C/evm/bytecode");
        assertThat(BytecodeMatcher.creation(input, optimized, Map.of()).reason()).startsWith("the compiled creation code differs");
    }

    @Test
    void codeWithoutMetadataHasNoMetadataRanges() {
        assertThat(Auxdata.ranges(HEX.parseHex("6080604052"))).isEmpty();
    }

    /** The runtime as a deployment leaves it: immutables written (cap, keeper), the library linked. */
    private static byte[] asDeployed(JsonNode deployed, String cap, String keeper, String library) {
        StringBuilder hex = new StringBuilder(deployed.path("object").asText());
        deployed.path("linkReferences").fields().forEachRemaining(file -> file.getValue().fields().forEachRemaining(lib -> {
            for (JsonNode ref : lib.getValue()) {
                int at = 2 * ref.path("start").asInt();
                hex.replace(at, at + 40, library);
            }
        }));
        byte[] code = HEX.parseHex(hex);
        String[] values = {cap, keeper};
        int i = 0;
        for (var refs = deployed.path("immutableReferences").elements(); refs.hasNext(); i++) {
            byte[] value = HEX.parseHex(values[i % 2]);
            for (JsonNode ref : refs.next()) {
                System.arraycopy(value, 0, code, ref.path("start").asInt(), 32);
            }
        }
        return code;
    }

    private static JsonNode deployed(String source, boolean optimize) {
        return compile(source, optimize).at("/contracts/Vault.sol/Vault/evm/deployedBytecode");
    }

    private static ObjectNode compile(String source, boolean optimize) {
        String file = source.contains("contract Vault") ? "Vault.sol" : "C.sol";
        ObjectNode input = JSON.createObjectNode();
        input.put("language", "Solidity");
        input.putObject("sources").putObject(file).put("content", source);
        ObjectNode settings = input.putObject("settings");
        settings.putObject("optimizer").put("enabled", optimize).put("runs", 200);
        settings.putObject("outputSelection").putObject("*").putArray("*").add("evm.bytecode").add("evm.deployedBytecode");
        return (ObjectNode) Compilers.workers().compile(Compilers.soljson(), input.toString()).output();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
