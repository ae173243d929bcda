package history;

import java.math.BigInteger;

/** The node's view of an actor at a tipset ({@code StateGetActor}: its state before the tipset's messages ran). */
public interface NodeStates {
    /** Balance and nonce as the node states them. */
    record State(BigInteger balance, long nonce) {
    }

    /** The node could not say (an RPC error such as an unknown actor or a state it does not hold). */
    final class Unanswered extends RuntimeException {
        public Unanswered(String reason) {
            super(reason);
        }
    }

    /**
     * @param tipsetKey block CIDs joined by ',' as the tipsets table stores them
     * @throws Unanswered when the node answers with an error; transport failures pass through
     */
    State at(long actorId, String tipsetKey);
}
