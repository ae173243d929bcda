package storage.rows;

import java.math.BigInteger;
import java.util.List;

/** A message blocks of the tipset include but the tipset never executed (no receipt): its body as the block carries it. */
public record UnexecutedMessageRow(long height, String tipsetKey, String cid, List<String> blockCids, int version,
        String fromAddress, String toAddress, long nonce, BigInteger value, long method, String params, long gasLimit,
        BigInteger gasFeeCap, BigInteger gasPremium, long timestamp, String indexedAt) implements Row {
    @Override
    public String table() {
        return "unexecuted_messages";
    }
}
