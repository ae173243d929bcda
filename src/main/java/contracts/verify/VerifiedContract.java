package contracts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A stored verification: what {@code verified_contracts} holds for one address ({@code creationMatch} null: creation not indexed). */
public record VerifiedContract(String address, long chainId, String name, String sourcePath, MatchKind match,
                               String compilerVersion, JsonNode settings, JsonNode sources, JsonNode abi,
                               String constructorArgs, String runtimeHash, JsonNode libraries, String verifiedBy,
                               Instant verifiedAt, MatchKind creationMatch) {
}
