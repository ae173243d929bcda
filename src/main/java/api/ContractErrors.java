package api;

import contracts.abi.AbiException;
import contracts.solc.CompilerException;
import contracts.verify.VerificationInputException;
import lotus.LotusException;
import lotus.LotusNotFoundException;
import lotus.LotusRpcException;

/** The contract tools' failures as API errors: the user's mistakes as 4xx naming the problem, dependencies as 503. */
final class ContractErrors {
    private ContractErrors() {
    }

    static ApiException of(RuntimeException e, int retryAfterSeconds) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof VerificationInputException v) {
            int status = "COMPILATION_FAILED".equals(v.code()) || "NOT_EVM_CONTRACT".equals(v.code()) ? 422 : 400;
            return new ApiException(status, v.code(), v.getMessage());
        }
        if (e instanceof AbiException a) {
            return new ApiException(400, a.code(), a.getMessage());
        }
        if (e instanceof CompilerException c) {
            return switch (c.kind()) {
                case UNKNOWN_VERSION -> new ApiException(400, "UNKNOWN_COMPILER_VERSION", c.getMessage());
                case BUSY -> ApiException.busy(c.getMessage(), retryAfterSeconds);
                case TIMEOUT -> new ApiException(422, "COMPILE_TIMEOUT", c.getMessage());
                default -> ApiException.unavailable(c.getMessage());
            };
        }
        if (e instanceof LotusNotFoundException n) {
            return ApiException.notFound("the node does not know it: " + n.getMessage());
        }
        if (e instanceof LotusRpcException r) {
            return new ApiException(422, "NODE_REFUSED", "the node refused the call: " + r.rpcMessage());
        }
        if (e instanceof LotusException l) {
            return ApiException.unavailable("Lotus: " + l.getMessage());
        }
        if (e instanceof IllegalStateException s && s.getMessage() != null && s.getMessage().startsWith("PostgreSQL")) {
            return ApiException.unavailable(s.getMessage());
        }
        throw e;
    }
}
