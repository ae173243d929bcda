package jobs;

import java.util.Map;
import java.util.TreeMap;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;

/** The canonical tipset key the index holds for each height ({@code tipsets} FINAL). */
public final class StoredTipsets {
    private final Client client;

    public StoredTipsets(Client client) {
        this.client = client;
    }

    public Map<Long, String> keys(HeightRange range) {
        Map<Long, String> keys = new TreeMap<>();
        for (GenericRecord row : client.queryAll("""
                SELECT height, tipset_key FROM tipsets FINAL
                WHERE height BETWEEN {from:UInt64} AND {to:UInt64}""",
                Map.of("from", range.from(), "to", range.to()))) {
            keys.put(row.getLong("height"), row.getString("tipset_key"));
        }
        return keys;
    }
}
