package contracts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The result of one verification: the match and, for none, why; for a match, everything that is
 * stored (name, file, compiler's long version, settings, sources, ABI, runtime code hash, libraries).
 */
public record Outcome(MatchKind match, String reason, String name, String sourcePath, String compilerVersion,
                      ObjectNode settings, ObjectNode sources, JsonNode abi, String runtimeHash,
                      Map<String, String> libraries) {
    public static Outcome none(String reason) {
        return new Outcome(MatchKind.NONE, reason, null, null, null, null, null, null, null, Map.of());
    }

    public boolean verified() {
        return match != MatchKind.NONE;
    }
}
