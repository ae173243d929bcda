package bench;

import com.clickhouse.client.api.Client;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Grows an index the pipeline built into an explorer-sized one: the rows of {@code span} indexed
 * heights (from {@code from}) are copied {@code copies} times inside ClickHouse, copy {@code k}
 * {@code k * span} heights higher (timestamps 30 s a height later), with every block, message and
 * tipset CID replaced by a new valid CIDv1 (dag-cbor, 32-byte digest: SHA-256 of the original CID
 * and {@code k}) and every Ethereum hash by a new one, consistently across tables. So each copy is
 * a distinct, canonical stretch of chain with the pipeline's own row shapes and value
 * distributions; actors and addresses are the original ones (the same accounts stay busy).
 * Contract creations are not copied (an actor is created once).
 */
final class SyntheticIndex {
    private SyntheticIndex() {
    }

    /**
     * Copies the rows in chunks of {@code chunk} copies per statement; prints progress. Without
     * {@code details} the sub-calls and events are not copied (no API scenario reads them; they are
     * most of the bytes and of the engine's merge work).
     */
    static void grow(Client ch, long from, long span, int copies, int chunk, boolean details) throws Exception {
        Map<String, String> tables = replacements(span);
        if (!details) {
            tables.remove("subcalls");
            tables.remove("events");
        }
        for (int first = 1; first <= copies; first += chunk) {
            int last = Math.min(copies, first + chunk - 1);
            long started = System.nanoTime();
            for (Map.Entry<String, String> t : tables.entrySet()) {
                String sql = "INSERT INTO " + t.getKey() + " SELECT * EXCEPT (k) REPLACE (" + t.getValue() + ")"
                        + " FROM (SELECT *, arrayJoin(range(" + first + ", " + (last + 1) + ")) AS k FROM " + t.getKey()
                        + " WHERE height BETWEEN " + from + " AND " + (from + span - 1) + ")";
                ch.execute(sql).get().close();
            }
            System.out.printf("  copies %d..%d of %d written in %.1f s%n", first, last, copies, (System.nanoTime() - started) / 1e9);
        }
    }

    private static Map<String, String> replacements(long span) {
        String height = "height + k * " + span + " AS height";
        String key = key("tipset_key") + " AS tipset_key";
        String time = "addSeconds(timestamp, k * " + span + " * 30) AS timestamp";
        Map<String, String> t = new LinkedHashMap<>();
        t.put("tipsets", String.join(", ", height, key, cids("cids") + " AS cids", key("parent_key") + " AS parent_key", time));
        t.put("blocks", String.join(", ", height, key, cid("cid") + " AS cid", cids("parents") + " AS parents",
                cids("message_cids") + " AS message_cids", time));
        t.put("block_messages", String.join(", ", height, key, cid("block_cid") + " AS block_cid",
                cid("message_cid") + " AS message_cid"));
        t.put("messages", String.join(", ", height, key, cid("cid") + " AS cid", cids("block_cids") + " AS block_cids",
                hash("eth_hash") + " AS eth_hash", time));
        t.put("subcalls", String.join(", ", height, key, cid("message_cid") + " AS message_cid"));
        t.put("events", String.join(", ", height, key, cid("message_cid") + " AS message_cid",
                hash("eth_tx_hash") + " AS eth_tx_hash"));
        t.put("cid_lookup", String.join(", ", height, key,
                "if(kind = 'eth_tx', " + hash("key") + ", " + cid("key") + ") AS key",
                "if(message_cid = '', '', " + cid("message_cid") + ") AS message_cid"));
        t.put("address_messages", String.join(", ", height, key, cid("message_cid") + " AS message_cid"));
        return t;
    }

    /** A new CIDv1 (dag-cbor 0x71, multihash 0xa0e402 blake2b-256 length 32, base32 lower case) for a CID and copy k. */
    static String cid(String expr) {
        return "concat('b', lower(replaceAll(base32Encode(concat(unhex('0171a0e40220'), SHA256(concat(" + expr
                + ", '#', toString(k))))), '=', '')))";
    }

    private static String cids(String array) {
        return "arrayMap(x -> " + cid("x") + ", " + array + ")";
    }

    /** A tipset key (CIDs joined by ','), '' (a null round) staying ''. */
    private static String key(String joined) {
        return "if(" + joined + " = '', '', arrayStringConcat(" + cids("splitByChar(',', " + joined + ")") + ", ','))";
    }

    private static String hash(String expr) {
        return "if(" + expr + " = '', '', concat('0x', lower(hex(SHA256(concat(" + expr + ", '#', toString(k)))))))";
    }
}
