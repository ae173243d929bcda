package rosetta;

import api.ActorDirectory;
import api.Canonical;
import api.SqlRows;
import codec.address.Address;
import codec.address.AddressException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import history.ExecutedMessage;
import history.Frame;
import history.MessageMovements;
import history.Movement;
import history.MovementModel;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A block's Rosetta transactions: one per executed message (implicit reward and cron messages
 * included), in execution order, each with one operation per side of every FIL movement the
 * history's {@link MovementModel} finds in the stored message and its sub-calls. The payee's
 * operation names the payer's in {@code related_operations}.
 */
final class BlockTransactions {
    private static final String MESSAGE_COLUMNS = "cid, position, implicit, nonce, from_address, from_id, to_address, to_id,"
            + " value, method, method_name, exit_code, gas_used, base_fee_burn, over_estimation_burn, miner_tip, subcalls_available";
    private static final String SUBCALL_COLUMNS = "message_cid, idx, parent_idx, from_address, from_id, to_address, to_id,"
            + " value, method, exit_code";

    private final SqlRows rows;
    private final ActorDirectory actors;
    private final RosettaNetwork network;

    BlockTransactions(SqlRows rows, ActorDirectory actors, RosettaNetwork network) {
        this.rows = rows;
        this.actors = actors;
        this.network = network;
    }

    List<ObjectNode> all(ChainTipset t) {
        return build(t, null);
    }

    Optional<ObjectNode> one(ChainTipset t, String messageCid) {
        List<ObjectNode> found = build(t, messageCid);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<ObjectNode> build(ChainTipset t, String onlyCid) {
        Map<String, Object> p = new HashMap<>();
        p.put("h", t.height());
        p.put("c", onlyCid == null ? "" : onlyCid);
        String which = " WHERE height = {h:UInt64} AND " + Canonical.AT_HEIGHT
                + " AND ({c:String} = '' OR %s = {c:String})";
        List<ObjectNode> messages = rows.query("SELECT " + MESSAGE_COLUMNS + " FROM messages FINAL"
                + which.formatted("cid") + " ORDER BY position", p);
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<String, List<Frame>> subcalls = new HashMap<>();
        for (ObjectNode s : rows.query("SELECT " + SUBCALL_COLUMNS + " FROM subcalls FINAL"
                + which.formatted("message_cid") + " ORDER BY message_cid, idx", p)) {
            subcalls.computeIfAbsent(s.path("message_cid").asText(), k -> new ArrayList<>()).add(frame(s,
                    s.path("idx").asInt(), s.path("parent_idx").asInt()));
        }
        List<ObjectNode> out = new ArrayList<>(messages.size());
        Map<String, String> accounts = new HashMap<>();
        for (ObjectNode m : messages) {
            String cid = m.path("cid").asText();
            List<Frame> frames = new ArrayList<>();
            frames.add(frame(m, 0, -1));
            frames.addAll(subcalls.getOrDefault(cid, List.of()));
            ExecutedMessage executed = new ExecutedMessage(cid, m.path("implicit").asInt() != 0, m.path("nonce").asLong(),
                    m.path("exit_code").asLong(), m.path("gas_used").asLong(), amount(m, "base_fee_burn"),
                    amount(m, "over_estimation_burn"), amount(m, "miner_tip"), m.path("subcalls_available").asInt() != 0,
                    frames);
            out.add(transaction(m, MovementModel.movements(executed), accounts));
        }
        return out;
    }

    private ObjectNode transaction(ObjectNode m, MessageMovements moved, Map<String, String> accounts) {
        ObjectNode tx = JsonNodeFactory.instance.objectNode();
        tx.putObject("transaction_identifier").put("hash", moved.messageCid());
        ArrayNode ops = tx.putArray("operations");
        for (Movement mv : moved.movements()) {
            ObjectNode op = ops.addObject();
            op.putObject("operation_identifier").put("index", mv.index());
            if (mv.related() < mv.index()) {
                op.putArray("related_operations").addObject().put("index", mv.related());
            }
            op.put("type", mv.kind().label());
            op.put("status", OperationStatus.OK.label());
            op.putObject("account").put("address", account(mv, accounts));
            ObjectNode amount = op.putObject("amount");
            amount.put("value", mv.amount().toString());
            amount.set("currency", RosettaNetwork.currency());
            if (!mv.gas()) {
                op.putObject("metadata").put("call_index", mv.frame());
            }
        }
        ObjectNode meta = tx.putObject("metadata");
        meta.put("method", m.path("method").asLong());
        if (!m.path("method_name").asText("").isEmpty()) {
            meta.put("method_name", m.path("method_name").asText());
        }
        meta.put("exit_code", m.path("exit_code").asLong());
        meta.put("implicit", m.path("implicit").asInt() != 0);
        if (!moved.complete()) {
            // degraded mode: what is not known is said, never shown as zero
            meta.put("unknown", moved.unknown());
        }
        return tx;
    }

    /** The actor's ID address with this network's prefix; an address only printed robust is resolved through the index. */
    private String account(Movement mv, Map<String, String> accounts) {
        if (mv.actorId() != null) {
            return network.accountOf(mv.actorId());
        }
        return accounts.computeIfAbsent(mv.account(), printed -> {
            try {
                return actors.resolveId(Address.parse(printed)).map(network::accountOf)
                        .orElse(network.addressPrefix() + printed.substring(1));
            } catch (AddressException e) {
                return printed;
            }
        });
    }

    private static Frame frame(JsonNode r, int idx, int parentIdx) {
        return new Frame(idx, parentIdx, r.path("from_address").asText(), optionalId(r, "from_id"),
                r.path("to_address").asText(), optionalId(r, "to_id"), amount(r, "value"), r.path("method").asLong(),
                r.path("exit_code").asLong());
    }

    private static Long optionalId(JsonNode r, String column) {
        JsonNode v = r.get(column);
        return v == null || v.isNull() ? null : Long.parseUnsignedLong(v.asText());
    }

    private static BigInteger amount(JsonNode r, String column) {
        return new BigInteger(r.path(column).asText("0"));
    }
}
