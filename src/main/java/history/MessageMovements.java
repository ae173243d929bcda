package history;

import java.math.BigInteger;
import java.util.List;

/**
 * The FIL movements of one executed message.
 *
 * @param complete false when some movements cannot be known (degraded mode: the node gave no trace,
 *        so sub-call value moves are missing); the list then holds only what is known
 * @param unknown what is missing when not complete, else empty
 */
public record MessageMovements(String messageCid, List<Movement> movements, boolean complete, String unknown) {

    public MessageMovements {
        movements = List.copyOf(movements);
    }

    /** The sum of all amounts: zero, value is conserved. */
    public BigInteger net() {
        return movements.stream().map(Movement::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
