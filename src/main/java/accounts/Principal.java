package accounts;

/**
 * Who a request is: the account behind its bearer token.
 *
 * @param keyId the API key used, or null for a session token
 */
public record Principal(long accountId, String email, Long keyId, String tokenHash) {
    /** How other capabilities name the account (e.g. verified_by of a verification). */
    public String name() {
        return "account:" + accountId;
    }
}
