package lotus;

import codec.cid.Cid;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.List;

/**
 * The block header fields an indexer keeps. {@code cid} is not part of Lotus's JSON: it is taken
 * from the tipset's {@code Cids} (same order as {@code Blocks}) or from the CID that was asked for.
 * Addresses stay as the node printed them.
 */
public record BlockHeader(
        Cid cid,
        String miner,
        List<Cid> parents,
        BigInteger parentWeight,
        long height,
        Cid parentStateRoot,
        Cid parentMessageReceipts,
        Cid messages,
        long timestamp,
        long winCount,
        long forkSignaling,
        BigInteger parentBaseFee) {

    public BlockHeader {
        parents = parents == null ? List.of() : List.copyOf(parents);
    }

    @JsonCreator
    static BlockHeader fromJson(
            @JsonProperty("Miner") String miner,
            @JsonProperty("Parents") List<Cid> parents,
            @JsonProperty("ParentWeight") BigInteger parentWeight,
            @JsonProperty("Height") long height,
            @JsonProperty("ParentStateRoot") Cid parentStateRoot,
            @JsonProperty("ParentMessageReceipts") Cid parentMessageReceipts,
            @JsonProperty("Messages") Cid messages,
            @JsonProperty("Timestamp") long timestamp,
            @JsonProperty("ElectionProof") ElectionProof electionProof,
            @JsonProperty("ForkSignaling") long forkSignaling,
            @JsonProperty("ParentBaseFee") BigInteger parentBaseFee) {
        return new BlockHeader(null, miner, parents, parentWeight, height, parentStateRoot,
                parentMessageReceipts, messages, timestamp, electionProof == null ? 0 : electionProof.winCount(),
                forkSignaling, parentBaseFee);
    }

    public BlockHeader withCid(Cid blockCid) {
        return new BlockHeader(blockCid, miner, parents, parentWeight, height, parentStateRoot,
                parentMessageReceipts, messages, timestamp, winCount, forkSignaling, parentBaseFee);
    }

    /** The parents as a key: the tipset this block builds on. */
    public TipSetKey parentKey() {
        return new TipSetKey(parents);
    }

    record ElectionProof(@JsonProperty("WinCount") long winCount) {
    }
}
