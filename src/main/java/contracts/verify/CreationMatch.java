package contracts.verify;

/**
 * How compiled creation code compares with the input that created the contract.
 *
 * @param kind            full, partial or none
 * @param reason          for none: why (differing byte, wrong constructor arguments); else null
 * @param constructorArgs for a match: the constructor arguments the contract was created with (hex, no 0x)
 */
public record CreationMatch(MatchKind kind, String reason, String constructorArgs) {
    public static CreationMatch none(String reason) {
        return new CreationMatch(MatchKind.NONE, reason, null);
    }
}
