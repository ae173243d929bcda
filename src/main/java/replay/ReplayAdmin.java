package replay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test controls of a running node: planned StateCompute failures ({@code Replay.FailHeight}) and
 * {@code Replay.ChildBlock}, the CID by which the node addresses the child block of a tipset.
 */
final class ReplayAdmin {
    /** A planned failure that the HTTP layer turns into a 503 without a JSON-RPC body. */
    static final class HttpFailure extends RuntimeException {
        HttpFailure(String message) {
            super(message, null, false, false);
        }
    }

    private record Remaining(Faults.Kind kind, AtomicInteger times) {
    }

    private final Map<Long, Remaining> failures = new ConcurrentHashMap<>();
    private final ServedChain chain;

    ReplayAdmin(Faults faults, ServedChain chain) {
        this.chain = chain;
        faults.failures().forEach(f -> failHeight(f.height(), f.times(), f.kind()));
    }

    void failHeight(long height, int times, Faults.Kind kind) {
        failures.put(height, new Remaining(kind, new AtomicInteger(times)));
    }

    /** Throws the planned failure for this height, if any is left. */
    void beforeStateCompute(long height) {
        Remaining r = failures.get(height);
        if (r == null || r.times().getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
            return;
        }
        String message = "replay node: injected failure of StateCompute at height " + height;
        if (r.kind() == Faults.Kind.HTTP_503) {
            throw new HttpFailure(message);
        }
        throw RpcException.method(message);
    }

    void register(RpcMethods t) {
        t.add("Replay.FailHeight", p -> {
            p.atMost(3);
            Faults.Kind kind;
            try {
                kind = p.get(2).isNull() ? Faults.Kind.RPC_ERROR : Faults.Kind.valueOf(p.text(2));
            } catch (IllegalArgumentException e) {
                throw RpcException.invalidParams("kind must be HTTP_503 or RPC_ERROR");
            }
            failHeight(p.height(0), p.integer(1), kind);
            return RpcBody.of("true".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        });
        t.add("Replay.ChildBlock", p -> {
            String cid = chain.childBlock(p.atMost(1).tipSetKey(0));
            return RpcBody.of(("{\"/\":\"" + cid + "\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        });
    }
}
