package contracts.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Imports no source answers are found before queueing; everything solc would resolve is accepted. */
class ImportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyImportFormIsReadOutsideCommentsAndStrings() {
        String source = """
                // import "commented.sol";
                /* import "block.sol"; */
                import "./A.sol";
                import * as B from '../lib/B.sol';
                import {C, D as E} from "@oz/C.sol";
                import "F.sol" as F;
                contract X { string s = "import \\"not.sol\\";"; }
                """;

        assertThat(Imports.paths(source)).containsExactly("./A.sol", "../lib/B.sol", "@oz/C.sol", "F.sol");
    }

    @Test
    void relativeAndRemappedImportsResolveAsSolcResolvesThem() {
        ObjectNode input = input(Map.of(
                "contracts/X.sol", "import './A.sol'; import '../lib/B.sol'; import '@oz/C.sol'; import 'contracts/A.sol';",
                "contracts/A.sol", "contract A {}",
                "lib/B.sol", "contract B {}",
                "lib/oz/C.sol", "contract C {}"));
        input.putObject("settings").putArray("remappings").add("@oz/=lib/oz/");

        assertThat(Imports.missing(input)).isEmpty();
    }

    @Test
    void aMissingFileIsNamedWithTheFileThatImportsIt() {
        ObjectNode input = input(Map.of("contracts/X.sol", "import \"./Missing.sol\";\nimport \"@oz/C.sol\";\ncontract X {}"));

        assertThatThrownBy(() -> Imports.requireAll(input))
                .isInstanceOfSatisfying(VerificationInputException.class, e -> assertThat(e.code()).isEqualTo("MISSING_SOURCE"))
                .hasMessageContaining("contracts/X.sol imports './Missing.sol' (contracts/Missing.sol), which is not among the sources")
                .hasMessageContaining("contracts/X.sol imports '@oz/C.sol', which is not among the sources");
    }

    private static ObjectNode input(Map<String, String> files) {
        ObjectNode input = JSON.createObjectNode();
        input.put("language", "Solidity");
        ObjectNode sources = input.putObject("sources");
        files.forEach((path, content) -> sources.putObject(path).put("content", content));
        return input;
    }
}
