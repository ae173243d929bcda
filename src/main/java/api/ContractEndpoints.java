package api;

import static api.ApiResponses.answer;

import org.apache.camel.Exchange;

/** Handler bean {@code contractEndpoints} of {@code routes/api-contracts.camel.yaml}. */
public final class ContractEndpoints {
    private final ContractQueries contracts;

    public ContractEndpoints(ExplorerApi api) {
        this.contracts = api.contracts();
    }

    public void byOwner(Exchange x) {
        answer(x, r -> contracts.byOwner(AddressInput.require("owner", r.param("owner")),
                RequestParams.limit(r.param("limit")), r.param("cursor")));
    }

    public void contract(Exchange x) {
        answer(x, r -> contracts.contract(AddressInput.require("address", r.param("address"))));
    }

    public void messages(Exchange x) {
        answer(x, r -> contracts.messages(AddressInput.require("address", r.param("address")),
                ChainEndpoints.method(r), RequestParams.bool("implicit", r.param("implicit"), true),
                RequestParams.limit(r.param("limit")), r.param("cursor")));
    }

    public void bytecode(Exchange x) {
        answer(x, r -> contracts.bytecode(AddressInput.require("address", r.param("address"))));
    }
}
