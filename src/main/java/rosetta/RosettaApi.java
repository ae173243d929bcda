package rosetta;

import api.ActorDirectory;
import api.ApiException;
import api.BalanceQueries;
import api.SqlRows;
import codec.address.Address;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import history.MovementKind;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The Rosetta (Mesh) Data API over filflow's index (docs/ROSETTA.md): each method reads one
 * endpoint's request body and answers its response object, or throws {@link RosettaException}.
 */
public final class RosettaApi {
    /** The version of the specification the answers follow (shared/specs/rosetta-api-1.5.1.json). */
    public static final String ROSETTA_VERSION = "1.5.1";

    private final RosettaNetwork network;
    private final RosettaBlocks blocks;
    private final BlockTransactions transactions;
    private final String nodeVersion;
    private final ActorDirectory actors;
    private final BalanceQueries balances;
    private final Supplier<OptionalLong> syncTarget;

    /**
     * @param syncTarget the height indexing is heading for: the node's head less the follow job's
     *                   confidence; empty where no follow job reports a head
     */
    public RosettaApi(RosettaNetwork network, SqlRows rows, ActorDirectory actors, BalanceQueries balances,
            Supplier<OptionalLong> syncTarget, String nodeVersion) {
        this.network = network;
        this.blocks = new RosettaBlocks(rows);
        this.transactions = new BlockTransactions(rows, actors, network);
        this.actors = actors;
        this.balances = balances;
        this.syncTarget = syncTarget;
        this.nodeVersion = nodeVersion;
    }

    public RosettaNetwork network() {
        return network;
    }

    /** {@code /network/list}: the one network served. */
    public ObjectNode networkList(String body) {
        RosettaRequest.parse(body);
        ObjectNode out = object();
        out.putArray("network_identifiers").add(network.identifier());
        return out;
    }

    /**
     * {@code /network/status}: the current (newest indexed) block, genesis, the oldest served block,
     * and the sync status: the current index against the target (the node's head less the follow
     * job's confidence), synced when the current block reached it.
     */
    public ObjectNode networkStatus(String body) {
        network.check(RosettaRequest.object(RosettaRequest.parse(body), "network_identifier"));
        RosettaBlocks.Range range = blocks.range();
        ObjectNode out = object();
        out.set("current_block_identifier", range.current().identifier());
        out.put("current_block_timestamp", range.current().timestampSeconds() * 1000);
        out.set("genesis_block_identifier", network.genesis());
        out.set("oldest_block_identifier", range.oldest().identifier());
        ObjectNode sync = out.putObject("sync_status");
        long current = range.current().height();
        sync.put("current_index", current);
        OptionalLong target = syncTarget.get();
        if (target.isPresent()) {
            // a null round at the target leaves the current block below it: it counts as reached
            long reached = blocks.highestIndexed();
            sync.put("target_index", Math.max(target.getAsLong(), current));
            sync.put("stage", "following the node");
            sync.put("synced", reached >= target.getAsLong());
        } else {
            sync.put("stage", "no follow job reports the node's head");
        }
        out.putArray("peers");
        return out;
    }

    /** {@code /network/options}: versions, operation types and statuses, every error. */
    public ObjectNode networkOptions(String body) {
        network.check(RosettaRequest.object(RosettaRequest.parse(body), "network_identifier"));
        ObjectNode out = object();
        ObjectNode version = out.putObject("version");
        version.put("rosetta_version", ROSETTA_VERSION);
        version.put("node_version", nodeVersion);
        ObjectNode allow = out.putObject("allow");
        ArrayNode statuses = allow.putArray("operation_statuses");
        for (OperationStatus s : OperationStatus.values()) {
            statuses.addObject().put("status", s.label()).put("successful", s.successful());
        }
        ArrayNode types = allow.putArray("operation_types");
        Arrays.stream(MovementKind.values()).map(MovementKind::label).distinct().forEach(types::add);
        ArrayNode errors = allow.putArray("errors");
        for (RosettaError e : RosettaError.values()) {
            errors.add(e.json());
        }
        allow.put("historical_balance_lookup", true);
        allow.putArray("call_methods");
        allow.putArray("balance_exemptions");
        allow.put("mempool_coins", false);
        return out;
    }

    /** {@code /block}: the tipset with its transactions; a null round is an omitted block ({@code {}}). */
    public ObjectNode block(String body) {
        ObjectNode request = RosettaRequest.parse(body);
        network.check(RosettaRequest.object(request, "network_identifier"));
        JsonNode partial = RosettaRequest.object(request, "block_identifier");
        ChainTipset t = blocks.resolve(partial, blocks.range());
        ObjectNode out = object();
        if (t.nullRound()) {
            return out;
        }
        ObjectNode block = out.putObject("block");
        block.set("block_identifier", t.identifier());
        block.set("parent_block_identifier", blocks.parent(t));
        block.put("timestamp", t.timestampSeconds() * 1000);
        ArrayNode transactions = block.putArray("transactions");
        this.transactions.all(t).forEach(transactions::add);
        ObjectNode metadata = block.putObject("metadata");
        ArrayNode cids = metadata.putArray("block_cids");
        t.cids().forEach(cids::add);
        return out;
    }

    /** {@code /block/transaction}: one message of a block with its operations. */
    public ObjectNode blockTransaction(String body) {
        ObjectNode request = RosettaRequest.parse(body);
        network.check(RosettaRequest.object(request, "network_identifier"));
        JsonNode id = RosettaRequest.object(request, "block_identifier");
        RosettaRequest.requireText(id, "hash", "block_identifier");
        if (RosettaRequest.optionalIndex(id, "index", "block_identifier") == null) {
            throw RosettaError.INVALID_REQUEST.because("block_identifier.index is required");
        }
        String hash = RosettaRequest.requireText(RosettaRequest.object(request, "transaction_identifier"), "hash",
                "transaction_identifier");
        ChainTipset t = blocks.resolve(id, blocks.range());
        ObjectNode tx = transactions.one(t, hash).orElseThrow(() -> RosettaError.TRANSACTION_NOT_FOUND.because(
                "block " + t.height() + " has no message " + RosettaRequest.shorten(hash)));
        ObjectNode out = object();
        out.set("transaction", tx);
        return out;
    }

    /**
     * {@code /account/balance}: the balance of an actor after a block (the current one when no
     * {@code block_identifier} is given) from the state history, exact in attoFIL, with its nonce
     * in {@code metadata}. The account is any address form of this network; Filecoin has no sub-accounts.
     */
    public ObjectNode accountBalance(String body) {
        ObjectNode request = RosettaRequest.parse(body);
        network.check(RosettaRequest.object(request, "network_identifier"));
        JsonNode account = RosettaRequest.object(request, "account_identifier");
        String address = RosettaRequest.requireText(account, "address", "account_identifier");
        if (RosettaRequest.optionalObject(account, "sub_account") != null) {
            throw RosettaError.INVALID_REQUEST.because("Filecoin accounts have no sub-accounts");
        }
        checkCurrencies(request.get("currencies"));
        Address parsed = network.account(address);
        JsonNode partial = RosettaRequest.optionalObject(request, "block_identifier");
        RosettaBlocks.BalancePoint at = blocks.balancePoint(partial, blocks.range());
        long id = actors.resolveId(parsed).orElseThrow(() -> RosettaError.ACCOUNT_NOT_FOUND.because(
                "no indexed actor has the address " + RosettaRequest.shorten(address)));
        BalanceQueries.Balance b = balance(id, at.height());
        ObjectNode out = object();
        out.set("block_identifier", at.identifier());
        ObjectNode amount = out.putArray("balances").addObject();
        amount.put("value", b.balance().toString());
        amount.set("currency", RosettaNetwork.currency());
        out.putObject("metadata").put("nonce", b.nonce());
        return out;
    }

    private BalanceQueries.Balance balance(long actorId, long height) {
        BalanceQueries.Balance b;
        try {
            b = balances.at(actorId, height);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw RosettaError.ACCOUNT_NOT_FOUND.because(e.getMessage());
            }
            if (BalanceQueries.NOT_INDEXED.equals(e.code())) {
                throw RosettaError.BALANCE_GAP.because(e.getMessage());
            }
            if (BalanceQueries.OUT_OF_RANGE.equals(e.code())) {
                throw RosettaError.BALANCE_UNKNOWN.because(e.getMessage());
            }
            throw e;
        }
        if (!b.complete()) {
            throw RosettaError.BALANCE_UNKNOWN.because("heights " + b.snapshotHeight() + " to " + height
                    + " were indexed without execution traces: sub-call value moves of f0" + actorId + " are unknown");
        }
        return b;
    }

    /** {@code currencies}, when given: an array of FIL with 18 decimals only. */
    private static void checkCurrencies(JsonNode currencies) {
        if (currencies == null || currencies.isNull()) {
            return;
        }
        if (!currencies.isArray()) {
            throw RosettaError.INVALID_REQUEST.because("currencies must be an array of Currency objects");
        }
        for (JsonNode c : currencies) {
            RosettaRequest.requireObject(c, "currencies[]");
            String symbol = RosettaRequest.requireText(c, "symbol", "currencies[]");
            JsonNode decimals = c.get("decimals");
            if (decimals == null || !decimals.isIntegralNumber()) {
                throw RosettaError.INVALID_REQUEST.because("currencies[].decimals must be an integer");
            }
            if (!RosettaNetwork.SYMBOL.equals(symbol) || decimals.asLong() != RosettaNetwork.DECIMALS) {
                throw RosettaError.UNSUPPORTED_CURRENCY.because("only " + RosettaNetwork.SYMBOL + " with "
                        + RosettaNetwork.DECIMALS + " decimals exists here, not " + RosettaRequest.shorten(symbol) + "/"
                        + RosettaRequest.shorten(decimals.asText()));
            }
        }
    }

    /** {@code /mempool}: filflow indexes executed messages only, so its mempool is always empty. */
    public ObjectNode mempool(String body) {
        network.check(RosettaRequest.object(RosettaRequest.parse(body), "network_identifier"));
        ObjectNode out = object();
        out.putArray("transaction_identifiers");
        return out;
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
