package contracts;

import java.util.Optional;
import java.util.function.Supplier;
import lotus.LotusRpcException;

/**
 * Optional node lookups. A node that answers with an error (not found, not an account, method not
 * offered, beyond its lookback) does not know: the answer is empty. A node that cannot be reached,
 * is out of sync or answers garbage throws on, so the message is retried rather than stored
 * incomplete.
 */
final class LotusAnswers {
    private LotusAnswers() {
    }

    static <T> Optional<T> ifKnown(Supplier<T> lookup) {
        try {
            return Optional.ofNullable(lookup.get());
        } catch (LotusRpcException e) {
            return Optional.empty();
        }
    }
}
