package jobs;

import java.util.List;
import java.util.Map;

/**
 * Some heights of a batch failed this attempt. The consumer's route configuration redelivers with
 * backoff (each redelivery indexes only these heights again) and, when attempts run out, records
 * them as gaps and moves on.
 */
public final class HeightsFailedException extends RuntimeException {
    private final transient Map<Long, String> errors;

    public HeightsFailedException(Map<Long, String> errors) {
        super(errors.size() + " heights failed, first " + errors.entrySet().iterator().next());
        this.errors = Map.copyOf(errors);
    }

    public List<Long> heights() {
        return errors.keySet().stream().sorted().toList();
    }

    public Map<Long, String> errors() {
        return errors;
    }
}
