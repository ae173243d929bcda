package rosetta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Java port of what {@code rosetta-cli check:data} does to a Rosetta implementation (its syncer,
 * asserter and reconciler, coinbase/mesh-cli and mesh-sdk-go): walks the blocks from a start index
 * to an end index; checks each block as the asserter does (identifiers, parent linkage, operation
 * indices, related operations, types and statuses listed in {@code /network/options}, amounts);
 * sums the successful operations per account and block; and reconciles: an account's balance
 * before its first operation is {@code /account/balance} at the parent block, after every block
 * the computed balance (never negative) must equal {@code /account/balance} at that block
 * (active reconciliation), and at the end every account's computed balance must equal its balance
 * at the last block (inactive reconciliation: no balance changed without an operation).
 * Unlike rosetta-cli, an account whose balance at the parent block the server answers with an error
 * is not a failure but left out and reported with the error code ({@link Report#unknownStart}):
 * filflow knows a balance only from a starting snapshot, and the caller checks those codes.
 */
final class CheckData {
    private final RosettaClient rosetta;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, BigInteger> computed = new LinkedHashMap<>();
    private final Set<String> types = new HashSet<>();
    private final Map<String, Boolean> statuses = new HashMap<>();
    private final Map<String, Integer> unknownStart = new LinkedHashMap<>();
    private int blocks;
    private int omitted;
    private int transactions;
    private int operations;
    private int reconciliations;

    CheckData(RosettaClient rosetta) {
        this.rosetta = rosetta;
    }

    /** @param unknownStart accounts left out: the error code /account/balance answered at their first block's parent */
    record Report(int blocks, int omitted, int transactions, int operations, int accounts, int reconciliations,
            List<String> failures, Map<String, Integer> unknownStart) {
    }

    Report run(long startIndex, long endIndex) throws Exception {
        JsonNode options = rosetta.ok("/network/options", rosetta.request());
        options.at("/allow/operation_types").forEach(t -> types.add(t.asText()));
        options.at("/allow/operation_statuses").forEach(s -> statuses.put(s.path("status").asText(), s.path("successful").asBoolean()));
        JsonNode previous = null;
        JsonNode last = null;
        for (long index = startIndex; index <= endIndex; index++) {
            ObjectNode request = rosetta.request();
            request.putObject("block_identifier").put("index", index);
            JsonNode answer = rosetta.ok("/block", request);
            if (!answer.has("block")) {
                omitted++;
                continue;
            }
            JsonNode block = answer.path("block");
            blocks++;
            assertBlock(block, index, previous);
            Map<String, BigInteger> changes = balanceChanges(block);
            for (Map.Entry<String, BigInteger> change : changes.entrySet()) {
                reconcile(change.getKey(), change.getValue(), block);
            }
            previous = block.path("block_identifier");
            last = block;
        }
        if (last != null) {
            // inactive reconciliation: balances of every account seen, at the last block
            for (Map.Entry<String, BigInteger> account : computed.entrySet()) {
                compareLive(account.getKey(), account.getValue(), last.path("block_identifier"), "inactive");
            }
        }
        return new Report(blocks, omitted, transactions, operations, computed.size(), reconciliations, failures, unknownStart);
    }

    /** The asserter's block rules, and the syncer's: each block's parent is the block before it. */
    private void assertBlock(JsonNode block, long index, JsonNode previous) {
        JsonNode id = block.path("block_identifier");
        JsonNode parent = block.path("parent_block_identifier");
        String where = "block " + index;
        check(id.path("index").asLong(-1) == index, where + ": block_identifier.index " + id.path("index"));
        check(!id.path("hash").asText("").isEmpty(), where + ": no hash");
        check(!parent.path("hash").asText("").isEmpty(), where + ": no parent hash");
        check(!id.path("hash").asText().equals(parent.path("hash").asText()), where + ": hash equals the parent's");
        check(parent.path("index").asLong() < index, where + ": parent index " + parent.path("index") + " not below");
        if (previous != null) {
            check(previous.equals(parent), where + ": parent " + parent + " is not the previous block " + previous);
        }
        long timestamp = block.path("timestamp").asLong();
        check(timestamp >= 946713600000L && timestamp <= 4133980800000L, where + ": timestamp " + timestamp + " out of range");
        Set<String> hashes = new HashSet<>();
        for (JsonNode tx : block.path("transactions")) {
            transactions++;
            String hash = tx.at("/transaction_identifier/hash").asText("");
            check(!hash.isEmpty(), where + ": a transaction without hash");
            check(hashes.add(hash), where + ": transaction " + hash + " twice");
            JsonNode ops = tx.path("operations");
            for (int i = 0; i < ops.size(); i++) {
                assertOperation(ops.get(i), i, where + " tx " + hash);
            }
        }
    }

    private void assertOperation(JsonNode op, int position, String where) {
        operations++;
        int index = op.at("/operation_identifier/index").asInt(-1);
        check(index == position, where + ": operation index " + index + " out of order (expected " + position + ")");
        check(!op.has("operation_identifier") || !op.at("/operation_identifier/network_index").isNumber()
                || op.at("/operation_identifier/network_index").asLong() >= 0, where + ": negative network_index");
        Set<Integer> related = new HashSet<>();
        for (JsonNode r : op.path("related_operations")) {
            int ri = r.path("index").asInt();
            check(ri < index, where + ": related operation " + ri + " >= " + index);
            check(related.add(ri), where + ": related operation " + ri + " twice");
        }
        check(types.contains(op.path("type").asText()), where + ": type " + op.path("type") + " not listed");
        check(statuses.containsKey(op.path("status").asText()), where + ": status " + op.path("status") + " not listed");
        check(!op.at("/account/address").asText("").isEmpty(), where + ": no account address");
        JsonNode amount = op.path("amount");
        if (!amount.isMissingNode()) {
            check(amount.path("value").asText("").matches("-?[0-9]+"), where + ": amount " + amount.path("value") + " not an integer");
            check("FIL".equals(amount.at("/currency/symbol").asText()) && amount.at("/currency/decimals").asInt() == 18,
                    where + ": currency " + amount.path("currency"));
        }
    }

    /** The parser's balance changes of a block: successful operations with an amount, summed per account. */
    private Map<String, BigInteger> balanceChanges(JsonNode block) {
        Map<String, BigInteger> changes = new LinkedHashMap<>();
        for (JsonNode tx : block.path("transactions")) {
            for (JsonNode op : tx.path("operations")) {
                if (!statuses.getOrDefault(op.path("status").asText(), false) || op.path("amount").isMissingNode()) {
                    continue;
                }
                String account = op.at("/account/address").asText();
                changes.merge(account, new BigInteger(op.at("/amount/value").asText()), BigInteger::add);
            }
        }
        return changes;
    }

    /** Balance storage and active reconciliation of one account at one block. */
    private void reconcile(String account, BigInteger difference, JsonNode block) throws Exception {
        if (unknownStart.containsKey(account)) {
            return;
        }
        BigInteger existing = computed.get(account);
        if (existing == null) {
            RosettaClient.Answer a = balanceAt(account, block.path("parent_block_identifier"));
            if (!a.ok()) {
                unknownStart.put(account, a.errorCode());
                return;
            }
            existing = amount(account, a, block.path("parent_block_identifier"));
        }
        BigInteger now = existing.add(difference);
        if (now.signum() < 0) {
            failures.add("block " + block.at("/block_identifier/index") + ": " + account + " computed balance " + now + " is negative");
        }
        computed.put(account, now);
        compareLive(account, now, block.path("block_identifier"), "active");
    }

    private void compareLive(String account, BigInteger expected, JsonNode at, String kind) throws Exception {
        reconciliations++;
        BigInteger live = live(account, at);
        if (live == null || !live.equals(expected)) {
            failures.add(kind + " reconciliation of " + account + " at " + at + ": computed " + expected + ", /account/balance " + live);
        }
    }

    private BigInteger live(String account, JsonNode blockIdentifier) throws Exception {
        RosettaClient.Answer a = balanceAt(account, blockIdentifier);
        return a.ok() ? amount(account, a, blockIdentifier) : null;
    }

    private RosettaClient.Answer balanceAt(String account, JsonNode blockIdentifier) throws Exception {
        ObjectNode request = rosetta.request();
        request.putObject("account_identifier").put("address", account);
        request.set("block_identifier", blockIdentifier);
        return rosetta.post("/account/balance", request);
    }

    private BigInteger amount(String account, RosettaClient.Answer a, JsonNode blockIdentifier) {
        check(a.body().path("block_identifier").equals(blockIdentifier),
                "/account/balance of " + account + " answered block " + a.body().path("block_identifier") + " for " + blockIdentifier);
        JsonNode balances = a.body().path("balances");
        check(balances.size() == 1, "/account/balance of " + account + ": " + balances.size() + " balances");
        return new BigInteger(balances.path(0).path("value").asText("0"));
    }

    private void check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }
}
