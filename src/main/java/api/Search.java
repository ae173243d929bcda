package api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code GET /search?q=}: classifies the input, then answers {@code {kind, <kind>: match}} or 404. */
public final class Search {
    private final SqlRows rows;
    private final ChainQueries chain;
    private final MessageQueries messages;
    private final ContractQueries contracts;
    private final ActorDirectory actors;
    private final AddressReport addresses;

    public Search(SqlRows rows, ChainQueries chain, MessageQueries messages, ContractQueries contracts,
                  ActorDirectory actors, AddressReport addresses) {
        this.rows = rows;
        this.chain = chain;
        this.messages = messages;
        this.contracts = contracts;
        this.actors = actors;
        this.addresses = addresses;
    }

    public ObjectNode search(String raw) {
        SearchQuery q = SearchQuery.classify(raw);
        return switch (q.kind()) {
            case HEIGHT -> answer("tipset", chain.tipset(q.height()));
            case ETH_HASH -> answer("message", messages.message(q.ethHash()));
            case CID -> byCid(q);
            case ADDRESS -> byAddress(q.address());
            case TEXT -> throw ApiException.notFound("nothing matches '" + RequestParams.shorten(q.text()) + "'"
                    + (q.hint() == null ? " (project search is not available yet)" : ": " + q.hint()));
        };
    }

    private ObjectNode byCid(SearchQuery q) {
        String key = q.cid().toString();
        ObjectNode found = rows.first("SELECT kind, height FROM cid_lookup FINAL WHERE key = {k:String} AND "
                        + Canonical.among("SELECT height FROM cid_lookup FINAL WHERE key = {k:String}") + " LIMIT 1",
                        Map.of("k", key))
                .orElseThrow(() -> ApiException.notFound("no indexed message, block or tipset has CID " + key));
        return switch (Rows.text(found, "kind")) {
            case "block" -> answer("block", chain.block(q.cid()));
            case "tipset" -> answer("tipset", chain.tipset(Rows.number(found, "height")));
            default -> answer("message", messages.message(key));
        };
    }

    private ObjectNode byAddress(AddressInput in) {
        if (actors.find(in.address()).isEmpty()) {
            throw ApiException.notFound(in.input() + " is a valid address but no indexed actor has it");
        }
        ObjectNode report = addresses.verify(in.input());
        try {
            ObjectNode out = answer("contract", contracts.contract(in));
            out.set("address", report);
            return out;
        } catch (ApiException notContract) {
            if (notContract.status() != 404) {
                throw notContract;
            }
            return answer("address", report);
        }
    }

    private static ObjectNode answer(String kind, ObjectNode match) {
        ObjectNode out = ApiJson.object();
        out.put("kind", kind);
        out.set(kind, match);
        return out;
    }
}
