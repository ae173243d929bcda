package history;

import codec.address.Address;
import codec.cid.Cid;
import java.util.Arrays;
import java.util.function.Supplier;
import lotus.Actor;
import lotus.LotusClient;
import lotus.LotusRpcException;
import lotus.TipSetKey;

/** {@link NodeStates} over a Lotus node's {@code StateGetActor}. */
public final class LotusNodeStates implements NodeStates {
    private final Supplier<LotusClient> lotus;

    public LotusNodeStates(Supplier<LotusClient> lotus) {
        this.lotus = lotus;
    }

    @Override
    public State at(long actorId, String tipsetKey) {
        LotusClient client = lotus.get();
        if (client == null) {
            throw api.ApiException.unavailable("no Lotus node is configured");
        }
        TipSetKey key = new TipSetKey(Arrays.stream(tipsetKey.split(",")).map(Cid::parse).toList());
        try {
            Actor a = client.stateGetActor(Address.id(actorId), key);
            if (a == null) {
                throw new Unanswered("the node has no actor f0" + actorId);
            }
            return new State(a.balance(), a.nonce());
        } catch (LotusRpcException e) {
            throw new Unanswered(e.getMessage());
        }
    }
}
