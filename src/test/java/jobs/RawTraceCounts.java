package jobs;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import lotus.LotusClient;
import lotus.TipSet;
import lotus.TipSetKey;

/**
 * What each height should hold, counted independently of the pipeline: the node's raw
 * {@code StateCompute} JSON read as a plain tree (not through {@code trace.TraceReader}).
 * Executed messages are the entries of {@code Trace}; sub-calls are every call below each
 * {@code ExecutionTrace}, at any depth. A null round (the node answers with a lower height) holds none.
 */
final class RawTraceCounts {
    record Expected(long messages, long subcalls, boolean nullRound) {
    }

    private RawTraceCounts() {
    }

    static Map<Long, Expected> of(LotusClient lotus, long from, long to) {
        Map<Long, Expected> expected = new LinkedHashMap<>();
        for (long h = from; h <= to; h++) {
            TipSet tipset = lotus.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
            if (tipset.height() < h) {
                expected.put(h, new Expected(0, 0, true));
                continue;
            }
            JsonNode result = lotus.stateCompute(h, tipset.key(), p -> p.readValueAsTree());
            long messages = 0;
            long subcalls = 0;
            for (JsonNode invocation : result.path("Trace")) {
                messages++;
                subcalls += below(invocation.path("ExecutionTrace"));
            }
            expected.put(h, new Expected(messages, subcalls, false));
        }
        return expected;
    }

    private static long below(JsonNode call) {
        long n = 0;
        for (JsonNode sub : call.path("Subcalls")) {
            n += 1 + below(sub);
        }
        return n;
    }
}
