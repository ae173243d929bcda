package pipeline;

import codec.address.Address;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import lotus.Actor;
import lotus.LotusClient;
import lotus.LotusRpcException;
import lotus.TipSetKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import storage.rows.BalanceSnapshotRow;

/**
 * Starting points of the balance history: an actor's state read once from the node
 * ({@code StateGetActor} at the tipset, i.e. before its messages ran) at the lowest height this
 * process indexed it, and again whenever that height is indexed again. A node that cannot say (an
 * RPC error: unknown actor, state not recorded) gives no snapshot; the API then says the actor's
 * balance has no starting point.
 */
final class BalanceSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(BalanceSnapshots.class);
    private final LotusClient lotus;
    /** actor ID → lowest height with a snapshot taken by this process */
    private final Cache<Long, Long> lowest = Caffeine.newBuilder().maximumSize(2_000_000).build();

    BalanceSnapshots(LotusClient lotus) {
        this.lotus = lotus;
    }

    List<BalanceSnapshotRow> take(Collection<Long> actors, long height, TipSetKey key, String tipsetKey,
            String indexedAt) {
        List<BalanceSnapshotRow> out = new ArrayList<>();
        for (long id : actors) {
            Long known = lowest.getIfPresent(id);
            // at the very height of the snapshot (a retry, a re-index) it is taken again: a
            // height's rows are its attempt's (docs/STORAGE.md), so the former attempt's stops counting
            if (known != null && known < height) {
                continue;
            }
            try {
                Actor a = lotus.stateGetActor(Address.parse(Addresses.idAddress(id)), key);
                if (a != null) {
                    out.add(new BalanceSnapshotRow(id, height, tipsetKey, a.balance(), a.nonce(), indexedAt));
                }
            } catch (LotusRpcException e) {
                LOG.debug("height {}: no snapshot of f0{} ({})", height, id, e.getMessage());
            }
            lowest.asMap().merge(id, height, Math::min);
        }
        return out;
    }
}
