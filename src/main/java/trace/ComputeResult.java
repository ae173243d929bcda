package trace;

import codec.cid.Cid;
import java.util.List;

/** A {@code StateCompute} answer: the resulting state root and every executed message in order. */
public record ComputeResult(Cid root, List<InvocationResult> trace) {
}
