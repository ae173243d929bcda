package rosetta;

import api.SqlRows;
import codec.cid.TipSetKeyCid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * Rosetta blocks over the {@code tipsets} table: a block is a canonical tipset, its index the
 * height, its hash the tipset key's CID ({@link TipSetKeyCid}); null rounds are omitted blocks. The
 * served range is the newest contiguous run of indexed heights (Rosetta clients walk it without
 * holes): {@code oldest} its first tipset, {@code current} its last.
 */
final class RosettaBlocks {
    private final SqlRows rows;

    RosettaBlocks(SqlRows rows) {
        this.rows = rows;
    }

    record Range(ChainTipset oldest, ChainTipset current) {
    }

    Range range() {
        ObjectNode span = rows.first("SELECT min(height) AS lo, max(height) AS hi, count() AS n FROM tipsets FINAL", Map.of())
                .orElseThrow();
        long n = span.path("n").asLong();
        if (n == 0) {
            throw RosettaError.BLOCK_NOT_INDEXED.because("nothing is indexed yet");
        }
        long lo = span.path("lo").asLong();
        long hi = span.path("hi").asLong();
        long start = lo;
        if (n != hi - lo + 1) {
            // the first height of the newest run: the highest one whose predecessor is missing
            start = rows.first("SELECT max(height) AS start FROM tipsets FINAL WHERE height > {lo:UInt64}"
                    + " AND height - 1 NOT IN (SELECT height FROM tipsets FINAL)", Map.of("lo", lo))
                    .map(r -> r.path("start").asLong()).orElse(lo);
        }
        Optional<ChainTipset> oldest = rows.first("SELECT " + ChainTipset.COLUMNS + " FROM tipsets FINAL"
                + " WHERE height >= {s:UInt64} AND null_round = 0 ORDER BY height LIMIT 1", Map.of("s", start)).map(ChainTipset::of);
        Optional<ChainTipset> current = rows.first("SELECT " + ChainTipset.COLUMNS + " FROM tipsets FINAL"
                + " WHERE height >= {s:UInt64} AND null_round = 0 ORDER BY height DESC LIMIT 1", Map.of("s", start)).map(ChainTipset::of);
        if (oldest.isEmpty() || current.isEmpty()) {
            throw RosettaError.BLOCK_NOT_INDEXED.because("only null rounds are indexed so far");
        }
        return new Range(oldest.get(), current.get());
    }

    Optional<ChainTipset> at(long height) {
        return rows.first("SELECT " + ChainTipset.COLUMNS + " FROM tipsets FINAL WHERE height = {h:UInt64}", Map.of("h", height))
                .map(ChainTipset::of);
    }

    /**
     * The height a {@code PartialBlockIdentifier} names: the current block when it is absent or empty,
     * else by index, by hash, or both (which must agree). A null round answers its row: the caller
     * omits the block.
     */
    ChainTipset resolve(JsonNode partial, Range range) {
        Long index = partial == null ? null : RosettaRequest.optionalIndex(partial, "index", "block_identifier");
        String hash = partial == null ? null : RosettaRequest.optionalText(partial, "hash", "block_identifier");
        if (index == null && hash == null) {
            return range.current();
        }
        if (index == null) {
            index = heightOfHash(hash);
        }
        ChainTipset t = byIndex(index, range);
        if (hash != null && (t.nullRound() || !hash.equals(t.hash()))) {
            throw RosettaError.BLOCK_NOT_FOUND.because("the canonical tipset at index " + index + " does not have hash "
                    + RosettaRequest.shorten(hash));
        }
        return t;
    }

    /** The height by index: up to the current block; below the oldest only where an earlier range was indexed. */
    private ChainTipset byIndex(long index, Range range) {
        if (index > range.current().height()) {
            throw RosettaError.BLOCK_NOT_INDEXED.because("index " + index + " is above the current block "
                    + range.current().height());
        }
        return at(index).orElseThrow(() -> index < range.oldest().height()
                ? RosettaError.BLOCK_BELOW_RANGE.because("index " + index + " is below the oldest block " + range.oldest().height())
                : RosettaError.BLOCK_NOT_INDEXED.because("index " + index + " is not indexed yet"));
    }

    private long heightOfHash(String hash) {
        return rows.first("SELECT height FROM cid_lookup FINAL WHERE key = {k:String} AND kind = 'tipset'"
                        + " ORDER BY height DESC LIMIT 1", Map.of("k", hash))
                .map(r -> r.path("height").asLong())
                .orElseThrow(() -> RosettaError.BLOCK_NOT_FOUND.because("no indexed tipset has hash " + RosettaRequest.shorten(hash)));
    }

    /** The nearest tipset below a height (for a null round: the block whose state it keeps). */
    ChainTipset below(ChainTipset t) {
        return rows.first("SELECT " + ChainTipset.COLUMNS + " FROM tipsets FINAL"
                        + " WHERE height < {h:UInt64} AND null_round = 0 ORDER BY height DESC LIMIT 1", Map.of("h", t.height()))
                .map(ChainTipset::of)
                .orElseThrow(() -> RosettaError.BLOCK_BELOW_RANGE.because("no indexed block below the null round " + t.height()));
    }

    /**
     * The block below a tipset: the nearest tipset below it when that is its parent; for the oldest
     * indexed tipset (parent not indexed) the parent's hash from the header with the index below.
     */
    ObjectNode parent(ChainTipset t) {
        Optional<ChainTipset> below = rows.first("SELECT " + ChainTipset.COLUMNS + " FROM tipsets FINAL"
                + " WHERE height < {h:UInt64} AND null_round = 0 ORDER BY height DESC LIMIT 1", Map.of("h", t.height()))
                .map(ChainTipset::of);
        if (below.isPresent() && below.get().key().equals(t.parentKey())) {
            return below.get().identifier();
        }
        return ChainTipset.identifier(Math.max(t.height() - 1, 0), TipSetKeyCid.ofKey(t.parentKey()));
    }
}
