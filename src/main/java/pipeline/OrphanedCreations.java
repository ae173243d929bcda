package pipeline;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The creations a batch orphans: those of the attempt canonical at a height before the batch
 * commits, when the batch writes a different tipset there (a reorg). Asked before the commit
 * markers are written, so the retractions are published at least once: a crash before the marker
 * re-indexes the height, and the former tipset is still the canonical one then.
 */
final class OrphanedCreations {
    private static final String CANONICAL_CREATIONS = """
            SELECT height, tipset_key, message_cid, call_path, actor_id, robust, delegated, eth
            FROM creations FINAL
            WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64}
              AND (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL
                                                       WHERE height BETWEEN {lo:UInt64} AND {hi:UInt64})
            ORDER BY height, message_cid, call_path""";

    private final Client client;
    private final Supplier<String> network;

    OrphanedCreations(Client client, Supplier<String> network) {
        this.client = client;
        this.network = network;
    }

    /** @param newKeys height → the tipset key the batch is about to commit there */
    List<ContractRetraction> of(Map<Long, String> newKeys) {
        if (newKeys.isEmpty()) {
            return List.of();
        }
        long lo = newKeys.keySet().stream().mapToLong(Long::longValue).min().getAsLong();
        long hi = newKeys.keySet().stream().mapToLong(Long::longValue).max().getAsLong();
        List<ContractRetraction> out = new ArrayList<>();
        for (GenericRecord r : client.queryAll(CANONICAL_CREATIONS, Map.of("lo", lo, "hi", hi))) {
            long height = r.getLong("height");
            String newKey = newKeys.get(height);
            String oldKey = r.getString("tipset_key");
            if (newKey == null || newKey.equals(oldKey)) {
                continue;
            }
            out.add(new ContractRetraction(true, network.get(), height, cids(oldKey), cids(newKey),
                    r.getString("message_cid"), r.getString("call_path"), r.getLong("actor_id"),
                    r.getString("robust"), r.getString("delegated"), r.getString("eth")));
        }
        return out;
    }

    private static List<String> cids(String key) {
        return key.isEmpty() ? List.of() : Arrays.stream(key.split(",")).collect(Collectors.toList());
    }
}
