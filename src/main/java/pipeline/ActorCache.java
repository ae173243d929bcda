package pipeline;

import codec.address.Address;
import codec.address.AddressException;
import codec.cid.Cid;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import lotus.LotusClient;
import lotus.LotusRpcException;
import lotus.TipSetKey;

/**
 * Robust/delegated address → actor ID, shared by all heights. Facts the traces reveal (the sent form
 * beside the ID form) are learned for free; anything else is asked of the node once
 * ({@code StateLookupID}) and cached, misses included, so a hot address costs no RPC.
 */
public final class ActorCache {
    private static final long UNKNOWN = -1;

    private final LotusClient lotus;
    private final Cache<String, Long> ids;
    private final Cache<String, Boolean> unknown;
    private final Cache<Long, Cid> codes;
    private final Cache<Long, Boolean> unknownCodes;

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

    /** Records that {@code address} (any form) names actor {@code id}. */
    public void learn(String address, long id) {
        if (address != null && !address.isEmpty() && id >= 0) {
            ids.put(Addresses.canonical(address), id);
        }
    }

    /** The actor ID of {@code address}: parsed, cached, or looked up at {@code at}; empty if the node knows none. */
    public OptionalLong resolve(String address, TipSetKey at) {
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
        Long cached = ids.getIfPresent(key);
        if (cached != null) {
            return OptionalLong.of(cached);
        }
        long id = lookup(key, at);
        if (id == UNKNOWN) {
            return OptionalLong.empty();
        }
        ids.put(key, id);
        return OptionalLong.of(id);
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
