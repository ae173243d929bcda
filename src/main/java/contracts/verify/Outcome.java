package contracts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The result of one verification: the match and, for none, why; for a match, everything that is
 * stored (name, file, compiler's long version, settings, sources, ABI, runtime code hash, libraries),
 * the creation's own match where the creation is indexed ({@code creationMatch} null when it is not,
 * {@code creationReason} when it does not match), and the constructor arguments (the creation's when
 * known, else the ones given; hex without 0x).
 */
public record Outcome(MatchKind match, String reason, String name, String sourcePath, String compilerVersion,
                      ObjectNode settings, ObjectNode sources, JsonNode abi, String runtimeHash,
                      Map<String, String> libraries, MatchKind creationMatch, String creationReason,
                      String constructorArgs) {
    public static Outcome none(String reason) {
        return new Outcome(MatchKind.NONE, reason, null, null, null, null, null, null, null, Map.of(), null, null, null);
    }

    public boolean verified() {
        return match != MatchKind.NONE;
    }
}
