package replay;

import java.util.ArrayList;
import java.util.List;

/** Planned failures of a replay node: StateCompute of a height fails a number of times, then answers. */
public final class Faults {
    /** How a planned failure shows: an HTTP 503 without a JSON body, or a JSON-RPC error (code 1). */
    public enum Kind {
        HTTP_503,
        RPC_ERROR
    }

    /** One planned failure. */
    public record FailHeight(long height, int times, Kind kind) {
        public FailHeight {
            if (times < 0) {
                throw new IllegalArgumentException("times must not be negative");
            }
        }
    }

    private static final Faults NONE = new Faults(List.of());

    private final List<FailHeight> failures;

    private Faults(List<FailHeight> failures) {
        this.failures = List.copyOf(failures);
    }

    public static Faults none() {
        return NONE;
    }

    public static Faults failHeight(long height, int times, Kind kind) {
        return NONE.andFailHeight(height, times, kind);
    }

    public Faults andFailHeight(long height, int times, Kind kind) {
        List<FailHeight> more = new ArrayList<>(failures);
        more.add(new FailHeight(height, times, kind));
        return new Faults(more);
    }

    public List<FailHeight> failures() {
        return failures;
    }
}
