package accounts;

import api.ApiException;
import contracts.Uploaders;

/**
 * Bean {@code contractUploaders}: who verified a contract is the account behind the session token
 * or API key ({@code account:42}). Without PostgreSQL it answers as {@link Uploaders#NONE}.
 */
public final class AccountUploaders implements Uploaders {
    private final Accounts accounts;

    public AccountUploaders(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String uploader(String authorization) {
        try {
            return accounts.authenticate(authorization).name();
        } catch (ApiException e) {
            if (Database.NOT_CONFIGURED.equals(e.code())) {
                return Uploaders.NONE.uploader(authorization);
            }
            throw e;
        }
    }
}
