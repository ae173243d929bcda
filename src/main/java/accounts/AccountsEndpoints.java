package accounts;

import static api.ApiResponses.answer;

import api.ExplorerApi;
import org.apache.camel.Exchange;

/** Handler bean {@code accountsEndpoints} of {@code routes/api-accounts.camel.yaml}: sign-in, the account and its API keys. */
public final class AccountsEndpoints {
    private final ExplorerApi api;

    public AccountsEndpoints(ExplorerApi api) {
        this.api = api;
    }

    public void login(Exchange x) {
        answer(x, r -> new api.ApiResponse(202, api.accounts().login(r.body(), r.client())));
    }

    public void verify(Exchange x) {
        answer(x, r -> api.accounts().verify(r.body(), r.client()));
    }

    public void logout(Exchange x) {
        answer(x, r -> api.accounts().logout(r.param("Authorization"), r.client()));
    }

    public void me(Exchange x) {
        answer(x, r -> api.accounts().me(r.param("Authorization")));
    }

    public void createKey(Exchange x) {
        answer(x, r -> new api.ApiResponse(201, api.accounts().createKey(r.param("Authorization"), r.body(), r.client())));
    }

    public void keys(Exchange x) {
        answer(x, r -> api.accounts().keys(r.param("Authorization")));
    }

    public void revokeKey(Exchange x) {
        answer(x, r -> api.accounts().revokeKey(r.param("Authorization"), r.param("id"), r.client()));
    }
}
