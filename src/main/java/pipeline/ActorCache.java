package pipeline;

import codec.address.Address;
import codec.address.AddressException;
import codec.cid.Cid;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import lotus.LotusClient;
import lotus.LotusRpcException;
import lotus.TipSet;
import lotus.TipSetKey;

/**
 * Robust/delegated address → actor ID, shared by all heights. Facts the traces reveal (the sent form
 * beside the ID form) are learned for free; anything else is asked of the node once
 * ({@code StateLookupID}) and cached, misses included, so a hot address costs no RPC.
 *
 * <p>Fork-aware: a fork can give an ID to another address, so each mapping keeps the tipset it
 * was learned at, and the cache remembers which tipset it last indexed at each recent height.
 * A mapping learned at a tipset that is no longer the one at its height (a reorg reached an indexed
 * height or its child) is forgotten when next asked; mappings older than the remembered heights are final.
 */
public final class ActorCache {
    private static final long UNKNOWN = -1;
    /** How many recent heights' tipsets are remembered (past Filecoin's finality of 900 epochs). */
    static final int RECENT_HEIGHTS = 2_000;

    /** An actor ID and the tipset it was learned at. */
    private record Learned(long id, long height, TipSetKey at) {
    }

    private final LotusClient lotus;
    private final Cache<String, Learned> ids;
    private final Cache<String, Boolean> unknown;
    private final Cache<Long, Cid> codes;
    private final Cache<Long, Boolean> unknownCodes;
    private final ConcurrentSkipListMap<Long, TipSetKey> indexed = new ConcurrentSkipListMap<>();

    public ActorCache(LotusClient lotus, long maxEntries) {
        this.lotus = lotus;
        this.ids = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().build();
        this.unknown = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(Duration.ofMinutes(5)).build();
        this.codes = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().build();
        this.unknownCodes = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(Duration.ofMinutes(5))
                .build();
    }

    /** The caches whose hit rates are published: address → actor ID, actor ID → code. */
    public Map<String, Cache<?, ?>> caches() {
        return Map.of("actor_ids", ids, "actor_codes", codes);
    }

    /**
     * The tipset {@code ts} is being indexed. When the tipset remembered at its height, or at the
     * height just below (which must be its parent, or a null round now), is another one, a reorg
     * reached the node: the new chain's tipsets below replace the remembered ones down to where
     * they agree, and the heights above are forgotten (their tipsets descend from an orphaned one).
     * Mappings learned at a replaced or forgotten tipset stop counting, also before the orphaned
     * heights are indexed again, and misses are asked again.
     */
    public void indexing(TipSet ts) {
        long height = ts.height();
        TipSetKey before = indexed.put(height, ts.key());
        boolean reorged = before != null && !before.equals(ts.key());
        reorged |= replaceOrphanedBelow(height, ts.parentKey());
        if (reorged) {
            indexed.tailMap(height, false).clear();
            unknown.invalidateAll();
        }
        while (indexed.size() > RECENT_HEIGHTS) {
            indexed.pollFirstEntry();
        }
    }

    /**
     * If the tipset remembered at {@code height - 1} is not {@code parents}, walks down the chain
     * from {@code parents} (one {@code ChainGetTipSet} per height) and remembers its tipsets until
     * one agrees with what was remembered; true if any was replaced.
     */
    private boolean replaceOrphanedBelow(long height, TipSetKey parents) {
        Map.Entry<Long, TipSetKey> below = indexed.lowerEntry(height);
        if (below == null || below.getKey() != height - 1 || below.getValue().equals(parents)) {
            return false;
        }
        long above = height;
        TipSetKey key = parents;
        for (int step = 0; step < RECENT_HEIGHTS && !key.equals(TipSetKey.EMPTY); step++) {
            TipSet parent = lotus.chainGetTipSet(key);
            indexed.subMap(parent.height(), false, above, false).clear(); // null rounds on this chain
            TipSetKey remembered = indexed.put(parent.height(), parent.key());
            if (remembered == null || remembered.equals(parent.key())) {
                break;
            }
            above = parent.height();
            key = parent.parentKey();
        }
        return true;
    }

    /** Records that {@code address} (any form) names actor {@code id}, as the tipset {@code at} of {@code height} shows. */
    public void learn(String address, long id, long height, TipSetKey at) {
        if (address != null && !address.isEmpty() && id >= 0) {
            ids.put(Addresses.canonical(address), new Learned(id, height, at));
        }
    }

    /**
     * The actor ID of {@code address}: parsed, cached, or looked up at {@code at} (the tipset of
     * {@code height}); empty if the node knows none.
     */
    public OptionalLong resolve(String address, long height, TipSetKey at) {
        if (address == null || address.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong direct = Addresses.idOf(address);
        if (direct.isPresent()) {
            return direct;
        }
        String key = Addresses.canonical(address);
        if (key.startsWith("0x")) {
            OptionalLong masked = Addresses.idOfEth(key);
            if (masked.isPresent()) {
                return masked;
            }
            String delegated = Addresses.delegatedOfEth(key);
            if (delegated == null) {
                return OptionalLong.empty();
            }
            key = delegated;
        }
        Learned cached = ids.getIfPresent(key);
        if (cached != null && stillOnChain(cached)) {
            return OptionalLong.of(cached.id());
        }
        if (cached != null) {
            ids.invalidate(key);
        }
        long id = lookup(key, at);
        if (id == UNKNOWN) {
            return OptionalLong.empty();
        }
        ids.put(key, new Learned(id, height, at));
        return OptionalLong.of(id);
    }

    /** Whether the tipset a mapping was learned at is still the one indexed at its height (or final by now). */
    private boolean stillOnChain(Learned l) {
        TipSetKey now = indexed.get(l.height());
        return now == null ? indexed.isEmpty() || l.height() < indexed.firstKey() : now.equals(l.at());
    }

    /** Records actor {@code id}'s code, as a trace of Lotus 1.25+ shows it. */
    public void learnCode(long id, Cid code) {
        if (code != null) {
            codes.put(id, code);
        }
    }

    /**
     * The code of actor {@code id}: learned from traces, else asked once ({@code StateGetActor} at the
     * head: an actor keeps its type for life, so the answer holds for every height). Null if unknown.
     */
    public Cid code(long id) {
        Cid known = codes.getIfPresent(id);
        if (known != null || unknownCodes.getIfPresent(id) != null) {
            return known;
        }
        try {
            Cid code = lotus.stateGetActor(Address.id(id), TipSetKey.EMPTY).code();
            if (code != null) {
                codes.put(id, code);
            }
            return code;
        } catch (LotusRpcException e) {
            unknownCodes.put(id, Boolean.TRUE);
            return null;
        }
    }

    private long lookup(String address, TipSetKey at) {
        if (unknown.getIfPresent(address) != null) {
            return UNKNOWN;
        }
        try {
            return lotus.stateLookupId(Address.parse(address), at).actorId();
        } catch (LotusRpcException | AddressException e) {
            // the node knows no actor there (yet): remember briefly, the actor may be created later
            unknown.put(address, Boolean.TRUE);
            return UNKNOWN;
        }
    }
}
