package contracts.verify;

import java.util.Map;

/**
 * How compiled code compares with the chain's.
 *
 * @param kind      full, partial or none
 * @param reason    for none: why (first differing byte, lengths); else null
 * @param libraries library addresses read from the chain where the compiled code has placeholders (name → 0x)
 */
public record BytecodeMatch(MatchKind kind, String reason, Map<String, String> libraries) {
    public static BytecodeMatch none(String reason) {
        return new BytecodeMatch(MatchKind.NONE, reason, Map.of());
    }
}
