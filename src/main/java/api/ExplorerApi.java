package api;

import codec.address.Network;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.ContractTools;
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
    private final ContractDevelopers developers;
    private final EtherscanApi etherscan;
    private final SourcifyApi sourcify;

    public ExplorerApi(SqlRows rows, ApiConfig config, Supplier<IndexingJobs> jobs) {
        this(rows, config, jobs, () -> null);
    }

    public ExplorerApi(SqlRows rows, ApiConfig config, Supplier<IndexingJobs> jobs, Supplier<ContractTools> tools) {
        actors = new ActorDirectory(rows, config.network());
        addresses = new AddressReport(actors::find, config.network());
        chain = new ChainQueries(rows, actors);
        messages = new MessageQueries(rows, actors);
        messageLists = new MessageLists(rows, actors, messages);
        contracts = new ContractQueries(rows, actors, messageLists);
        search = new Search(rows, chain, messages, contracts, actors, addresses);
        operations = new Operations(jobs, config.adminToken());
        developers = new ContractDevelopers(tools, actors, rows);
        etherscan = new EtherscanApi(developers);
        sourcify = new SourcifyApi(developers);
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
                : new ClickHouseRows(clickHouse::client, timeout);
        return new ExplorerApi(rows, new ApiConfig(network, token, timeout),
                () -> context.getRegistry().findSingleByType(IndexingJobs.class),
                () -> context.getRegistry().findSingleByType(ContractTools.class));
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
                "Native events and EVM logs of a message; logs of verified contracts decoded by their ABI", r -> {
                    ObjectNode events = messages.events(r.param("cid"));
                    developers.decorateEvents((ArrayNode) events.get("items"));
                    return events;
                }, MESSAGE_KEY));
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
                r -> {
                    ObjectNode page = contracts.byOwner(AddressInput.require("owner", r.param("owner")),
                            RequestParams.limit(r.param("limit")), r.param("cursor"));
                    List<ObjectNode> items = new ArrayList<>();
                    page.get("items").forEach(i -> items.add((ObjectNode) i));
                    developers.decorateContracts(items);
                    return page;
                },
                new Endpoint.Param("owner", false, true, "deployer, any address form"), LIMIT, CURSOR));
        all.add(Endpoint.get("/api/v1/contracts/{address}", "api-contract",
                "A contract: its actor forms, kind, code CID, deployer, creation message, and whether it is verified",
                r -> {
                    ObjectNode c = contracts.contract(AddressInput.require("address", r.param("address")));
                    developers.decorateContracts(List.of(c));
                    return c;
                }, CONTRACT));
        all.add(Endpoint.get("/api/v1/contracts/{address}/messages", "api-contract-messages",
                "Messages to or from the contract, sub-calls included, newest first; a verified contract's logs decoded",
                r -> {
                    AddressInput a = AddressInput.require("address", r.param("address"));
                    ObjectNode page = contracts.messages(a, method(r), RequestParams.bool("implicit", r.param("implicit"), true),
                            RequestParams.limit(r.param("limit")), r.param("cursor"));
                    developers.decorateMessages(page, a);
                    return page;
                },
                CONTRACT, Endpoint.Param.query("method", "method number"), LIMIT, CURSOR));
        all.add(Endpoint.get("/api/v1/contracts/{address}/bytecode", "api-contract-bytecode",
                "The runtime bytecode of an EVM contract (from the node once known) and its keccak-256 hash",
                r -> {
                    AddressInput a = AddressInput.require("address", r.param("address"));
                    return developers.bytecode(a, () -> contracts.bytecode(a));
                }, CONTRACT));
        all.add(Endpoint.get("/api/v1/contracts/{address}/abi", "api-contract-abi",
                "The ABI of a verified contract; 404 until it is verified",
                r -> developers.abi(AddressInput.require("address", r.param("address"))), CONTRACT));
        all.add(Endpoint.post("/api/v1/contracts/{address}/source", "api-contract-source",
                "(signed in) Upload sources + compiler settings or a build artifact; 202 with a verification id",
                r -> developers.upload(AddressInput.require("address", r.param("address")), r.param("Authorization"),
                        r.body()), CONTRACT));
        all.add(Endpoint.post("/api/v1/contracts/{address}/call", "api-contract-call",
                "Read-only call {method, args, height?, abi?, from?} through the node's EthCall; outputs and reverts decoded",
                r -> developers.call(AddressInput.require("address", r.param("address")), r.body()), CONTRACT));
        all.add(Endpoint.get("/api/v1/verifications/{id}", "api-verification",
                "A verification: pending, or done with match full/partial/none and the reason",
                r -> developers.verification(r.param("id")), Endpoint.Param.path("id", "the verification id (UUID)")));
        all.add(Endpoint.get("/api", "api-etherscan-get",
                "Etherscan-compatible contract API: module=contract, action=verifysourcecode|checkverifystatus|getabi|getsourcecode",
                etherscan::handle, Endpoint.Param.query("module", "contract"), Endpoint.Param.query("action", "the action")));
        all.add(Endpoint.post("/api", "api-etherscan-post",
                "Etherscan-compatible contract API (form fields as hardhat-verify and forge send them)",
                etherscan::handle, Endpoint.Param.query("module", "contract"), Endpoint.Param.query("action", "the action")));
        all.add(Endpoint.post("/v2/verify/{chainId}/{address}", "api-sourcify-verify",
                "Sourcify v2: verify {stdJsonInput, compilerVersion, contractIdentifier}; 202 with a verificationId",
                r -> sourcify.verify(r.param("chainId"), r.param("address"), r.body()),
                Endpoint.Param.path("chainId", "314 or 314159"), CONTRACT));
        all.add(Endpoint.get("/v2/verify/{verificationId}", "api-sourcify-job", "Sourcify v2: a verification job",
                r -> sourcify.job(r.param("verificationId")), Endpoint.Param.path("verificationId", "the job id")));
        all.add(Endpoint.get("/v2/contract/{chainId}/{address}", "api-sourcify-contract",
                "Sourcify v2: a verified contract (?fields=all adds ABI, sources, compilation)",
                r -> sourcify.contract(r.param("chainId"), r.param("address"), r.param("fields")),
                Endpoint.Param.path("chainId", "314 or 314159"), CONTRACT,
                Endpoint.Param.query("fields", "all, or a list such as abi,sources,compilation")));
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
