package contracts.verify;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input that created an EVM contract, where filflow indexed its creation: the init code and
 * constructor arguments of the EAM call (or the Init {@code Exec4} it made) in the pipeline's
 * {@code creations} table, of the canonical attempt at its height (docs/STORAGE.md). Contracts created before the
 * indexed heights have none.
 */
public final class IndexedCreations {
    private static final String SQL = """
            SELECT initcode FROM creations FINAL
            WHERE eth = {e:String} AND initcode != ''
              AND (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL
                                                       WHERE height IN (SELECT height FROM creations WHERE eth = {e:String}))
            ORDER BY height DESC, depth LIMIT 1""";

    private final Client clickHouse;

    public IndexedCreations(Client clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** The creation input of the contract at {@code eth} (0x, lower case), when its creation is indexed. */
    public Optional<byte[]> input(String eth) {
        List<GenericRecord> rows = clickHouse.queryAll(SQL, Map.of("e", eth));
        return rows.isEmpty() ? Optional.empty() : Optional.of(Base64.getDecoder().decode(rows.get(0).getString("initcode")));
    }
}
