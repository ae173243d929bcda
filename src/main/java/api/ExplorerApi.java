package api;

import codec.address.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import filflow.ConfigKey;
import filflow.Settings;
import jobs.IndexingJobs;
import storage.ClickHouseAccess;

/** Assembles the API's handlers from the application's beans and lists its endpoints (API.md). */
public final class ExplorerApi {
    private final ActorDirectory actors;
    private final AddressReport addresses;
    private final ChainQueries chain;
    private final MessageQueries messages;
    private final MessageLists messageLists;
    private final ContractQueries contracts;
    private final Search search;
    private final Operations operations;

    public ExplorerApi(SqlRows rows, ApiConfig config, Supplier<IndexingJobs> jobs) {
        actors = new ActorDirectory(rows, config.network());
        addresses = new AddressReport(actors::find, config.network());
        chain = new ChainQueries(rows, actors);
        messages = new MessageQueries(rows, actors);
        messageLists = new MessageLists(rows, actors, messages);
        contracts = new ContractQueries(rows, actors, messageLists);
        search = new Search(rows, chain, messages, contracts, actors, addresses);
        operations = new Operations(jobs, config.adminToken());
    }

    public static ExplorerApi fromContext(CamelContext context) {
        var props = context.getPropertiesComponent();
        Settings settings = new Settings(props::resolveProperty);
        // answers print addresses with the network prefix the node uses (lotus.network)
        Network network = Network.ofPrefix(props.resolveProperty("lotus.network").orElse("f").trim().charAt(0));
        String token = settings.find(ConfigKey.ADMIN_TOKEN).orElse("");
        long timeout = Long.parseLong(props.resolveProperty("api.query-timeout-ms").orElse("10000").trim());
        ClickHouseAccess clickHouse = context.getRegistry().findSingleByType(ClickHouseAccess.class);
        SqlRows rows = clickHouse == null
                ? (sql, params) -> {
                    throw ApiException.unavailable("ClickHouse is not configured");
                }
                : new ClickHouseRows(clickHouse::apiClient, timeout);
        return new ExplorerApi(rows, new ApiConfig(network, token, timeout),
                () -> context.getRegistry().findSingleByType(IndexingJobs.class));
    }

    public List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        all.add(Endpoint.get("/api/v1/tipsets/{height}", "api-tipset",
                "The tipset at a height: CIDs, blocks, counts; nullRound=true for a height without blocks",
                r -> chain.tipset(RequestParams.height("height", r.param("height"))),
                Endpoint.Param.path("height", "chain epoch")));
        all.add(Endpoint.get("/api/v1/tipsets", "api-tipsets", "Indexed tipsets with from <= height <= to, newest first",
                r -> chain.tipsets(RequestParams.optionalHeight("from", r.param("from")), RequestParams.optionalHeight("to", r.param("to")),
                        RequestParams.limit(r.param("limit")), r.param("cursor")),
                Endpoint.Param.query("from", "lowest height"), Endpoint.Param.query("to", "highest height"),
                LIMIT, CURSOR));
        all.add(Endpoint.get("/api/v1/blocks/{cid}", "api-block", "A block header with its message CIDs",
                r -> chain.block(RequestParams.cid("cid", r.param("cid"))),
                Endpoint.Param.path("cid", "block CID")));
        all.add(Endpoint.get("/api/v1/messages/{cid}", "api-message",
                "One executed message with receipt and gas outputs; cid may be the Ethereum transaction hash",
                r -> messages.message(r.param("cid")), MESSAGE_KEY));
        all.add(Endpoint.get("/api/v1/messages/{cid}/subcalls", "api-message-subcalls",
                "The full sub-call tree of a message", r -> messages.subcalls(r.param("cid")), MESSAGE_KEY));
        all.add(Endpoint.get("/api/v1/messages/{cid}/events", "api-message-events",
                "Native events and EVM logs of a message", r -> messages.events(r.param("cid")), MESSAGE_KEY));
        all.add(Endpoint.get("/api/v1/messages", "api-messages",
                "Executed messages by height or block (execution order), or by address or method (newest first)",
                r -> messageLists.list(filter(r), RequestParams.limit(r.param("limit")), r.param("cursor")),
                Endpoint.Param.query("height", "messages executed at this height"),
                Endpoint.Param.query("block", "messages included in this block CID"),
                Endpoint.Param.query("address", "sender or receiver, any address form"),
                Endpoint.Param.query("method", "method number"),
                Endpoint.Param.query("implicit", "false leaves implicit cron/reward messages out (default true)"),
                Endpoint.Param.query("includeSubcalls", "true also matches the address in internal calls"),
                LIMIT, CURSOR));
        all.add(Endpoint.get("/api/v1/addresses/{address}", "api-address",
                "Verify and convert an address in any form; an invalid one is explained (200, valid=false)",
                r -> addresses.verify(r.param("address")),
                Endpoint.Param.path("address", "ID, robust, f410, or 0x address, f or t prefix")));
        all.add(Endpoint.get("/api/v1/contracts", "api-contracts", "Contracts deployed by an address, newest first",
                r -> contracts.byOwner(AddressInput.require("owner", r.param("owner")), RequestParams.limit(r.param("limit")),
                        r.param("cursor")),
                new Endpoint.Param("owner", false, true, "deployer, any address form"), LIMIT, CURSOR));
        all.add(Endpoint.get("/api/v1/contracts/{address}", "api-contract",
                "A contract: its actor forms, kind, code CID, deployer and creation message",
                r -> contracts.contract(AddressInput.require("address", r.param("address"))), CONTRACT));
        all.add(Endpoint.get("/api/v1/contracts/{address}/messages", "api-contract-messages",
                "Messages to or from the contract, sub-calls included, newest first",
                r -> contracts.messages(AddressInput.require("address", r.param("address")), method(r),
                        RequestParams.bool("implicit", r.param("implicit"), true), RequestParams.limit(r.param("limit")), r.param("cursor")),
                CONTRACT, Endpoint.Param.query("method", "method number"), LIMIT, CURSOR));
        all.add(Endpoint.get("/api/v1/contracts/{address}/bytecode", "api-contract-bytecode",
                "The deployed bytecode of an EVM contract and its keccak-256 hash",
                r -> contracts.bytecode(AddressInput.require("address", r.param("address"))), CONTRACT));
        all.add(Endpoint.get("/api/v1/search", "api-search",
                "Classifies q (height, message or block CID, Ethereum tx hash, any address form) and answers the match",
                r -> search.search(r.param("q")), new Endpoint.Param("q", false, true, "what to look for")));
        all.add(Endpoint.get("/api/v1/status", "api-status",
                "Indexing status: head, indexed height, lag, confidence window, gaps, last error, mode",
                r -> operations.status()));
        all.add(Endpoint.post("/api/v1/admin/index", "api-admin-index",
                "Queue heights for indexing, {heights: [...]} or {from, to} (admin bearer token); 202 once queued",
                r -> operations.index(r.param("Authorization"), r.body())));
        return all;
    }

    private static final Endpoint.Param LIMIT = Endpoint.Param.query("limit", "page size, 1 to 1000 (default 25)");
    private static final Endpoint.Param CURSOR = Endpoint.Param.query("cursor", "nextCursor of the previous page");
    private static final Endpoint.Param MESSAGE_KEY = Endpoint.Param.path("cid", "message CID or 0x Ethereum transaction hash");
    private static final Endpoint.Param CONTRACT = Endpoint.Param.path("address", "the contract, any address form");

    private static MessageLists.Filter filter(ApiRequest r) {
        String block = r.param("block");
        String address = r.param("address");
        return new MessageLists.Filter(
                RequestParams.optionalHeight("height", r.param("height")),
                RequestParams.isAbsent(block) ? null : RequestParams.cid("block", block),
                RequestParams.isAbsent(address) ? null : AddressInput.require("address", address),
                method(r),
                RequestParams.bool("implicit", r.param("implicit"), true),
                RequestParams.bool("includeSubcalls", r.param("includeSubcalls"), false));
    }

    private static Long method(ApiRequest r) {
        String m = r.param("method");
        return RequestParams.isAbsent(m) ? null : RequestParams.methodNumber(m.trim());
    }
}
