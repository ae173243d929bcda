package replay;

import java.util.HashMap;
import java.util.Map;

/** Lotus and admin method names to their handlers. */
final class RpcMethods {
    @FunctionalInterface
    interface Method {
        RpcBody call(RpcParams params);
    }

    private final Map<String, Method> methods = new HashMap<>();

    RpcMethods add(String name, Method method) {
        methods.put(name, method);
        return this;
    }

    /** Removes methods, so they answer -32601 as on a node or gateway that lacks them. */
    RpcMethods without(java.util.Set<String> names) {
        names.forEach(methods::remove);
        return this;
    }

    RpcBody call(String name, RpcParams params) {
        Method m = methods.get(name);
        if (m == null) {
            throw new RpcException(RpcException.METHOD_NOT_FOUND, "method '" + name + "' not found");
        }
        return m.call(params);
    }

    /** The methods served by a replay node: chain, node facts, addresses, events and test controls. */
    static RpcMethods lotus(ServedChain chain, NodeFacts facts, RecordedAddresses addresses, EventLogs events,
                             ReplayAdmin admin) {
        RpcMethods t = new RpcMethods();
        t.add("Filecoin.ChainHead", p -> chain.head());
        t.add("Filecoin.ChainGetTipSetByHeight", p -> chain.tipSetByHeight(p.atMost(2).height(0), p.tipSetKey(1)));
        t.add("Filecoin.ChainGetTipSet", p -> chain.tipSet(p.atMost(1).tipSetKey(0)));
        t.add("Filecoin.ChainGetBlock", p -> chain.block(p.atMost(1).cid(0)));
        t.add("Filecoin.ChainGetBlockMessages", p -> chain.blockMessages(p.atMost(1).cid(0)));
        t.add("Filecoin.ChainGetParentMessages", p -> chain.parentMessages(p.atMost(1).cid(0)));
        t.add("Filecoin.ChainGetParentReceipts", p -> chain.parentReceipts(p.atMost(1).cid(0)));
        t.add("Filecoin.StateCompute", p -> {
            p.atMost(3);
            long height = p.height(0);
            if (p.get(1).isArray() && !p.get(1).isEmpty()) {
                throw LotusErrors.notRecorded("StateCompute with extra messages");
            }
            admin.beforeStateCompute(height);
            return chain.stateCompute(height, p.tipSetKey(2));
        });
        t.add("Filecoin.StateReplay", p -> chain.stateReplay(p.atMost(2).tipSetKey(0), p.cid(1)));
        t.add("Filecoin.Version", p -> facts.version());
        t.add("Filecoin.StateNetworkName", p -> facts.networkName());
        addresses.register(t);
        events.register(t);
        admin.register(t);
        return t;
    }
}
