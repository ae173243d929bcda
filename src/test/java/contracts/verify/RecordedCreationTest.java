package contracts.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.RecordedDeployment;
import contracts.solc.Compilers;
import contracts.solc.SolcCache;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;



/**
 * The creation side of verification on recorded mainnet data ({@link RecordedDeployment}: the EVM
 * deployment at height 3573064, OpenZeppelin's TransparentUpgradeableProxy by solc 0.8.18). The
 * creation input is the recorded EAM {@code CreateExternal} params; the runtime code is the slice
 * of it the recorded constructor returns; the expected constructor arguments come from the
 * recorded logs.
 */
class RecordedCreationTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String FILE = RecordedDeployment.FILE;

    private static byte[] creationInput;
    private static byte[] runtime;
    private static String recordedArgs;
    private static ObjectNode input;

    @BeforeAll
    static void load() {
        RecordedDeployment recorded = RecordedDeployment.load();
        creationInput = recorded.creationInput();
        runtime = returnedByConstructor(creationInput);
        recordedArgs = recorded.constructorArgs();
        input = RecordedDeployment.standardJson();
    }

    @Test
    void theRecordedSourcesAreAFullMatchOfCreationAndRuntime() {
        Outcome outcome = verifier().verify(request(recordedArgs, input));

        assertThat(outcome.match()).as(outcome.reason()).isEqualTo(MatchKind.FULL);
        assertThat(outcome.creationMatch()).isEqualTo(MatchKind.FULL);
        assertThat(outcome.constructorArgs()).isEqualTo(recordedArgs);
        assertThat(outcome.name()).isEqualTo("TransparentUpgradeableProxy");
    }

    @Test
    void withoutArgumentsGivenTheCreationsAreStored() {
        Outcome outcome = verifier().verify(request("", input));

        assertThat(outcome.match()).isEqualTo(MatchKind.FULL);
        assertThat(outcome.constructorArgs()).isEqualTo(recordedArgs);
    }

    @Test
    void wrongConstructorArgumentsAreNoMatchAndTheReasonNamesThem() {
        String otherAdmin = recordedArgs.substring(0, 64) + "00".repeat(12) + "11".repeat(20) + recordedArgs.substring(128);

        Outcome outcome = verifier().verify(request(otherAdmin, input));

        assertThat(outcome.match()).isEqualTo(MatchKind.NONE);
        assertThat(outcome.reason()).startsWith("wrong constructor arguments").contains("word 1 (bytes 32–63)")
                .contains(recordedArgs.substring(64, 128)).contains("11".repeat(20));
    }

    @Test
    void aChangedCommentIsAPartialMatchThoughTheMetadataSitsInsideTheCreationCode() {
        ObjectNode edited = input.deepCopy();
        ObjectNode source = (ObjectNode) edited.at("/sources").get(FILE);
        source.put("content", source.get("content").asText() + "\n// only the metadata hash changes\n");
        JsonNode compiled = compile(edited).at("/contracts/" + FILE.replace("/", "~1") + "/TransparentUpgradeableProxy/evm/bytecode");
        byte[] code = HEX.parseHex(compiled.path("object").asText());
        assertThat(Auxdata.ranges(code)).singleElement().satisfies(r -> assertThat(r[1]).isLessThan(code.length));

        CreationMatch match = BytecodeMatcher.creation(creationInput, compiled, Map.of());

        assertThat(match.kind()).isEqualTo(MatchKind.PARTIAL);
        assertThat(match.constructorArgs()).isEqualTo(recordedArgs);
        assertThat(verifier().verify(request(recordedArgs, edited)).match()).isEqualTo(MatchKind.PARTIAL);
    }

    @Test
    void theOptimizerOnIsNoMatchAtCreation() {
        ObjectNode optimized = input.deepCopy();
        ((ObjectNode) optimized.at("/settings/optimizer")).put("enabled", true);
        JsonNode compiled = compile(optimized).at("/contracts/" + FILE.replace("/", "~1") + "/TransparentUpgradeableProxy/evm/bytecode");

        CreationMatch match = BytecodeMatcher.creation(creationInput, compiled, Map.of());

        assertThat(match.kind()).isEqualTo(MatchKind.NONE);
        assertThat(match.reason()).startsWith("the compiled creation code differs from the chain's at byte");
    }

    private static Verifier verifier() {
        return new Verifier(SolcCache.standard(), Compilers.workers(), new ChainCode() {
            @Override
            public byte[] runtimeCode(String address) {
                return runtime;
            }

            @Override
            public Optional<byte[]> creationInput(String address) {
                return Optional.of(creationInput);
            }
        });
    }

    private static VerificationRequest request(String args, ObjectNode standardJson) {
        return new VerificationRequest(RecordedDeployment.ADDRESS, 314, RecordedDeployment.SOLC, standardJson, FILE,
                RecordedDeployment.NAME, args, Map.of(), "test");
    }

    private static JsonNode compile(ObjectNode standardJson) {
        return Compilers.workers().compile(SolcCache.standard().soljson(RecordedDeployment.SOLC), standardJson.toString())
                .output();
    }

    /**
     * The runtime code a solc constructor returns: it ends with {@code PUSH2 size DUP1 PUSH3 offset
     * PUSH1 0 CODECOPY PUSH1 0 RETURN}, copying that slice of its own code.
     */
    private static byte[] returnedByConstructor(byte[] initcode) {
        String hex = HEX.formatHex(initcode);
        int at = hex.indexOf("6000396000f3");
        assertThat(at).isPositive();
        String pushes = hex.substring(at - 16, at - 6);
        assertThat(pushes.substring(0, 2) + pushes.substring(6)).as("PUSH2 size, DUP1, PUSH3 offset").isEqualTo("618062");
        int size = Integer.parseInt(pushes.substring(2, 6), 16);
        int offset = Integer.parseInt(hex.substring(at - 6, at), 16);
        return Arrays.copyOfRange(initcode, offset, offset + size);
    }
}
