package history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import storage.rows.BalanceChangeRow;

/**
 * Sums one tipset's movements per actor, in execution order: the delta, the nonce after the
 * tipset for actors that sent messages, and the messages involved.
 */
public final class BalanceDeltas {
    private final Map<Long, Change> changes = new LinkedHashMap<>();
    private int unresolved;

    private static final class Change {
        BigInteger delta = BigInteger.ZERO;
        Long nonce;
        final Set<String> messages = new LinkedHashSet<>();
        boolean complete = true;
    }

    /** Adds one executed message: its movements, and its sender's nonce when the message bumped it. */
    public void add(ExecutedMessage message, MessageMovements movements) {
        // a party without a known ID (a send that created it, in a trace that does not name it) leaves
        // every other party's change of this message unprovable by conservation: marked incomplete
        boolean complete = movements.complete()
                && movements.movements().stream().allMatch(m -> m.actorId() != null);
        for (Movement m : movements.movements()) {
            if (m.actorId() == null) {
                unresolved++;
                continue;
            }
            Change c = change(m.actorId());
            c.delta = c.delta.add(m.amount());
            c.messages.add(m.messageCid());
            c.complete &= complete;
        }
        Long sender = message.root().fromId();
        if (message.nonceAdvanced() && sender != null) {
            Change c = change(sender);
            c.nonce = message.nonce() + 1;
            c.messages.add(message.cid());
            c.complete &= movements.complete();
        }
    }

    /** Movements whose actor had no known ID (they are left out of the rows). */
    public int unresolved() {
        return unresolved;
    }

    public Set<Long> actors() {
        return changes.keySet();
    }

    /** The net change of one actor so far (zero when it had none). */
    public BigInteger delta(long actorId) {
        Change c = changes.get(actorId);
        return c == null ? BigInteger.ZERO : c.delta;
    }

    /** The sum of every actor's delta: zero when value is conserved. */
    public BigInteger net() {
        return changes.values().stream().map(c -> c.delta).reduce(BigInteger.ZERO, BigInteger::add);
    }

    public List<BalanceChangeRow> rows(long height, String tipsetKey, String indexedAt) {
        List<BalanceChangeRow> out = new ArrayList<>(changes.size());
        changes.forEach((id, c) -> out.add(new BalanceChangeRow(id, height, tipsetKey, c.delta, c.nonce,
                List.copyOf(c.messages), c.complete ? 1 : 0, indexedAt)));
        return out;
    }

    private Change change(long actorId) {
        return changes.computeIfAbsent(actorId, k -> new Change());
    }
}
