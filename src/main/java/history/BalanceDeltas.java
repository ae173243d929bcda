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
    private BigInteger unresolvedNet = BigInteger.ZERO;

    private static final class Change {
        BigInteger delta = BigInteger.ZERO;
        Long nonce;
        final Set<String> messages = new LinkedHashSet<>();
        boolean complete = true;
    }

    /**
     * Adds one executed message: its movements, and its sender's nonce when the message bumped it.
     * A party without a known ID gets no row: every actor that existed before the tipset resolves at
     * its parent state, so it is one the tipset created (a send to a new robust address, in a trace
     * that does not name the ID); its history starts at its first snapshot, where it appears with its
     * ID and its state holds these moves. The other parties' changes are exact all the same, so they
     * stay complete; the tipset's deltas then miss the unresolved amounts ({@link #unresolvedNet}).
     */
    public void add(ExecutedMessage message, MessageMovements movements) {
        boolean complete = movements.complete();
        for (Movement m : movements.movements()) {
            if (m.actorId() == null) {
                unresolved++;
                unresolvedNet = unresolvedNet.add(m.amount());
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

    /** What the movements of parties without a known ID added up to: {@link #net()} plus this is zero. */
    public BigInteger unresolvedNet() {
        return unresolvedNet;
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
