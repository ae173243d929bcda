package contracts.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.solc.SolcVersion;
import java.util.Map;

/**
 * One verification to run: the contract's 0x address, the compiler, the standard JSON input that
 * should reproduce its code, which contract of it ({@code sourcePath} may be null: found by name),
 * the ABI-encoded constructor arguments (hex without 0x, may be empty), library addresses, and who asks.
 * An input whose imports its sources do not answer is refused here ({@code MISSING_SOURCE}), before
 * anything is queued: it could only fail to compile.
 */
public record VerificationRequest(String address, long chainId, SolcVersion compiler, ObjectNode standardJson,
                                  String sourcePath, String contractName, String constructorArgs,
                                  Map<String, String> libraries, String verifiedBy) {
    public VerificationRequest {
        libraries = Map.copyOf(libraries);
        Imports.requireAll(standardJson);
        constructorArgs = constructorArgs == null ? "" : constructorArgs;
    }
}
