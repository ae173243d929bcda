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
    private final accounts.Projects projects;

    public Search(SqlRows rows, ChainQueries chain, MessageQueries messages, ContractQueries contracts,
                  ActorDirectory actors, AddressReport addresses, accounts.Projects projects) {
        this.projects = projects;
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
            case TEXT -> byProjectName(q);
        };
    }

    /** Free text names a project: the best match as {@code project}, up to ten as {@code projects}. */
    private ObjectNode byProjectName(SearchQuery q) {
        java.util.List<ObjectNode> found = java.util.List.of();
        if (q.hint() == null) {
            try {
                found = projects.search(q.text(), MAX_PROJECTS);
            } catch (ApiException badName) {
                if (badName.status() != 400 && !accounts.Database.NOT_CONFIGURED.equals(badName.code())) {
                    throw badName;
                }
            }
        }
        if (found.isEmpty()) {
            throw ApiException.notFound("nothing matches '" + RequestParams.shorten(q.text()) + "'"
                    + (q.hint() == null ? ": no height, CID, hash, address or project name" : ": " + q.hint()));
        }
        ObjectNode out = answer("project", found.get(0));
        out.putArray("projects").addAll(found);
        return out;
    }

    private static final int MAX_PROJECTS = 10;

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
