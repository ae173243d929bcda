package storage.rows;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.List;

public record MessageRow(long height, String tipsetKey, String cid, int position, int implicit, int version,
        String fromAddress, String toAddress, Long fromId, Long toId, long nonce, BigInteger value, long method,
        String methodName, String actorType, String params, String paramsJson, long gasLimit,
        BigInteger gasFeeCap, BigInteger gasPremium, long exitCode, @JsonProperty("return") String returnValue, String returnJson,
        long gasUsed, BigInteger baseFeeBurn, BigInteger overEstimationBurn, BigInteger minerPenalty,
        BigInteger minerTip, BigInteger refund, BigInteger totalCost, String error, String eventsRoot,
        int subcallCount, int subcallsAvailable, int eventCount, String ethHash, List<String> blockCids,
        long timestamp, String indexedAt) implements Row {
    @Override
    public String table() {
        return "messages";
    }
}
