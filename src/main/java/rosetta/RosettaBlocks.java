package rosetta;

import api.SqlRows;
import codec.cid.TipSetKeyCid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
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

    /** The highest indexed height, null rounds included. */
    long highestIndexed() {
        return rows.first("SELECT max(height) AS hi FROM tipsets FINAL", Map.of()).map(r -> r.path("hi").asLong()).orElse(0L);
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
     * The block below a tipset: the nearest tipset below it when that is its parent. Else (the
     * parent is not indexed) the parent's hash from the header, its index below the run of indexed
     * null rounds right under the tipset that name the same tipset below (a null round's row keeps
     * the key of the tipset under it): after null rounds the parent is the last non-null tipset,
     * not {@code height - 1}.
     */
    ObjectNode parent(ChainTipset t) {
        Optional<ChainTipset> below = rows.first("SELECT " + ChainTipset.COLUMNS + " FROM tipsets FINAL"
                + " WHERE height < {h:UInt64} AND null_round = 0 ORDER BY height DESC LIMIT 1", Map.of("h", t.height()))
                .map(ChainTipset::of);
        if (below.isPresent() && below.get().key().equals(t.parentKey())) {
            return below.get().identifier();
        }
        long lowestNull = t.height();
        Map<String, Object> p = new HashMap<>();
        p.put("h", t.height());
        p.put("b", below.map(ChainTipset::height).orElse(-1L) + 1);
        for (ObjectNode r : rows.query("SELECT height, null_round, parent_key FROM tipsets FINAL"
                + " WHERE height < {h:UInt64} AND height >= {b:UInt64} ORDER BY height DESC", p)) {
            boolean sameParent = r.path("null_round").asInt() != 0 && t.parentKey().equals(r.path("parent_key").asText());
            if (r.path("height").asLong() != lowestNull - 1 || !sameParent) {
                break;
            }
            lowestNull--;
        }
        return ChainTipset.identifier(Math.max(lowestNull - 1, 0), TipSetKeyCid.ofKey(t.parentKey()));
    }

    /** The state a balance request names: after block {@code height}, answered as block {@code identifier}. */
    record BalancePoint(long height, ObjectNode identifier) {
    }

    /**
     * Where {@code /account/balance} reads: after the block a {@code PartialBlockIdentifier} names (the
     * current one when absent); a null round's index names the state of the block below it. The
     * parent of an indexed tipset that is not indexed itself (below the oldest block of a run) is
     * answerable by index, or index and hash, as {@link #parent} names it: its state is the state
     * before its child ran, what the child's snapshots hold (rosetta-cli asks the balance of an
     * account at the parent of the first block it sees it in).
     */
    BalancePoint balancePoint(JsonNode partial, Range range) {
        ChainTipset t;
        try {
            t = resolve(partial, range);
        } catch (RosettaException e) {
            Long index = partial == null ? null : RosettaRequest.optionalIndex(partial, "index", "block_identifier");
            if (index == null || e.error() == RosettaError.INVALID_REQUEST) {
                throw e;
            }
            return unindexedParent(index, RosettaRequest.optionalText(partial, "hash", "block_identifier")).orElseThrow(() -> e);
        }
        if (t.nullRound()) {
            ChainTipset under = below(t);
            return new BalancePoint(under.height(), under.identifier());
        }
        return new BalancePoint(t.height(), t.identifier());
    }

    private Optional<BalancePoint> unindexedParent(long index, String hash) {
        Optional<ChainTipset> child = rows.first("SELECT " + ChainTipset.COLUMNS + " FROM tipsets FINAL"
                + " WHERE height > {h:UInt64} AND null_round = 0 ORDER BY height LIMIT 1", Map.of("h", index))
                .map(ChainTipset::of);
        if (child.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode parent = parent(child.get());
        boolean named = parent.path("index").asLong() == index && (hash == null || hash.equals(parent.path("hash").asText()));
        return named && at(index).isEmpty() ? Optional.of(new BalancePoint(index, parent)) : Optional.empty();
    }
}
