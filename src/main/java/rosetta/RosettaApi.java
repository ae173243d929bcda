package rosetta;

import api.ActorDirectory;
import api.SqlRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import history.MovementKind;
import java.util.Arrays;

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

    public RosettaApi(RosettaNetwork network, SqlRows rows, ActorDirectory actors, String nodeVersion) {
        this.network = network;
        this.blocks = new RosettaBlocks(rows);
        this.transactions = new BlockTransactions(rows, actors, network);
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

    /** {@code /network/status}: the current (newest indexed) block, genesis and the oldest served block. */
    public ObjectNode networkStatus(String body) {
        network.check(RosettaRequest.object(RosettaRequest.parse(body), "network_identifier"));
        RosettaBlocks.Range range = blocks.range();
        ObjectNode out = object();
        out.set("current_block_identifier", range.current().identifier());
        out.put("current_block_timestamp", range.current().timestampSeconds() * 1000);
        out.set("genesis_block_identifier", network.genesis());
        out.set("oldest_block_identifier", range.oldest().identifier());
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
