package replay;

import codec.actors.ActorType;
import codec.actors.BuiltinActors;
import codec.cid.Cid;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a 1.26+ trace proves about an actor's state before its tipset ran. The FVM records the
 * invoked actor's state when a call starts, before the call's value moves (ref-fvm call manager:
 * {@code InvokeActor} trace, then the transfer), so the first recording of an actor is its parent
 * state unless something changed it earlier in the tipset without invoking it:
 * <ul>
 * <li>it sent an explicit message up to that point (the executor took its gas escrow and bumped its
 * nonce before any call);</li>
 * <li>it is the reward actor {@code f02} or the burnt funds actor {@code f099} and an explicit
 * message ran before (tips and burns are paid to them without a call);</li>
 * <li>the call created it (a send to a robust address of an actor with nothing yet, or an Init
 * constructor): it had no state before.</li>
 * </ul>
 * In those cases the trace does not say, and the replay node answers so instead of guessing.
 */
final class ParentStates {
    private static final long REWARD = 2;
    private static final long BURNT_FUNDS = 99;

    private ParentStates() {
    }

    /** The actor's state before the tipset, or null when the trace does not prove it. */
    static JsonNode of(TraceFile trace, long actorId) {
        TraceFile.ActorSeen first = null;
        for (TraceFile.ActorSeen seen : trace.actors()) {
            if (seen.id() == actorId) {
                first = seen;
                break;
            }
        }
        if (first == null) {
            return null;
        }
        for (int i = 0; i <= first.entry() && i < trace.entries().size(); i++) {
            TraceFile.Entry e = trace.entries().get(i);
            if (e.implicit()) {
                continue;
            }
            boolean paidWithoutCall = (actorId == REWARD || actorId == BURNT_FUNDS) && i < first.entry();
            if (paidWithoutCall || sentBy(e, actorId)) {
                return null;
            }
        }
        return createdBy(first) ? null : first.state();
    }

    private static boolean sentBy(TraceFile.Entry e, long actorId) {
        return ("f0" + actorId).equals(e.idFrom()) || ("t0" + actorId).equals(e.idFrom());
    }

    /**
     * A fresh actor: constructed by Init, or an account or placeholder the send to a robust address
     * just created (no balance, no nonce yet).
     */
    private static boolean createdBy(TraceFile.ActorSeen seen) {
        if (seen.constructor()) {
            return true;
        }
        String to = seen.calledAs();
        boolean robust = to != null && !(to.length() > 2 && to.charAt(1) == '0');
        return robust && seen.state().path("Nonce").asLong() == 0
                && "0".equals(seen.state().path("Balance").asText()) && createdBySend(seen.state());
    }

    private static boolean createdBySend(JsonNode state) {
        try {
            ActorType type = BuiltinActors.standard().actorType(Cid.parse(state.path("Code").path("/").asText()))
                    .orElse(null);
            return type == null || type == ActorType.ACCOUNT || type == ActorType.PLACEHOLDER;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
