package api;

import static api.ApiResponses.answer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Handler bean {@code contractEndpoints} of {@code routes/api-contracts.camel.yaml} and
 * {@code routes/api-verification.camel.yaml}: contracts, and for developers verification, ABI,
 * calls (docs/CONTRACTS.md), with verified contracts' name, match and decoded logs added.
 */
public final class ContractEndpoints {
    private final ContractQueries contracts;
    private final ContractDevelopers developers;
    private final EtherscanApi etherscan;
    private final SourcifyApi sourcify;
    private final ExplorerApi api;

    public ContractEndpoints(ExplorerApi api) {
        this.api = api;
        this.contracts = api.contracts();
        this.developers = api.developers();
        this.etherscan = api.etherscan();
        this.sourcify = api.sourcify();
    }

    public void byOwner(Exchange x) {
        answer(x, r -> {
            ObjectNode page = contracts.byOwner(AddressInput.require("owner", r.param("owner")),
                    RequestParams.limit(r.param("limit")), r.param("cursor"));
            List<ObjectNode> items = new ArrayList<>();
            page.get("items").forEach(i -> items.add((ObjectNode) i));
            developers.decorateContracts(items);
            return page;
        });
    }

    public void contract(Exchange x) {
        answer(x, r -> {
            ObjectNode c = contracts.contract(AddressInput.require("address", r.param("address")));
            developers.decorateContracts(List.of(c));
            c.set("projects", api.projectsOf(r.param("address")));
            return c;
        });
    }

    public void messages(Exchange x) {
        answer(x, r -> {
            AddressInput a = AddressInput.require("address", r.param("address"));
            ObjectNode page = contracts.messages(a, ChainEndpoints.method(r), RequestParams.bool("implicit", r.param("implicit"), true),
                    RequestParams.limit(r.param("limit")), r.param("cursor"));
            developers.decorateMessages(page, a);
            return page;
        });
    }

    public void bytecode(Exchange x) {
        answer(x, r -> {
            AddressInput a = AddressInput.require("address", r.param("address"));
            return developers.bytecode(a, () -> contracts.bytecode(a));
        });
    }

    public void abi(Exchange x) {
        answer(x, r -> developers.abi(AddressInput.require("address", r.param("address"))));
    }

    public void source(Exchange x) {
        answer(x, r -> developers.upload(AddressInput.require("address", r.param("address")), r.param("Authorization"), r.body()));
    }

    public void call(Exchange x) {
        answer(x, r -> developers.call(AddressInput.require("address", r.param("address")), r.body()));
    }

    public void verification(Exchange x) {
        answer(x, r -> developers.verification(r.param("id")));
    }

    public void etherscan(Exchange x) {
        answer(x, etherscan::handle);
    }

    public void sourcifyVerify(Exchange x) {
        answer(x, r -> sourcify.verify(r.param("chainId"), r.param("address"), r.body()));
    }

    public void sourcifyJob(Exchange x) {
        answer(x, r -> sourcify.job(r.param("verificationId")));
    }

    public void sourcifyContract(Exchange x) {
        answer(x, r -> sourcify.contract(r.param("chainId"), r.param("address"), r.param("fields")));
    }
}
