package contracts;

/**
 * Who may upload sources through {@code POST /api/v1/contracts/{address}/source}: the accounts
 * capability (sessions and API keys) answers it. Until one is bound as {@code contractUploaders},
 * {@link #NONE} refuses every upload with 503, and the Etherscan and Sourcify endpoints stay open
 * as their tools expect.
 */
@FunctionalInterface
public interface Uploaders {
    /**
     * The signed-in account behind {@code authorization} (the request's Authorization header),
     * e.g. {@code account:42}; throws {@link api.ApiException} 401/403 when there is none.
     */
    String uploader(String authorization);

    Uploaders NONE = authorization -> {
        if (authorization == null || authorization.isBlank()) {
            throw new api.ApiException(401, "AUTH_REQUIRED",
                    "uploading sources needs a signed-in account: send Authorization: Bearer <session token or API key>");
        }
        throw new api.ApiException(503, "SIGN_IN_UNAVAILABLE",
                "signed-in uploads need the accounts service, which is not configured in this filflow;"
                        + " verify through /api (Etherscan) or /v2/verify (Sourcify) instead");
    };
}
