package storage.rows;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

public record SubcallRow(long height, String tipsetKey, String messageCid, int idx, int parentIdx, int depth,
        String callPath, String fromAddress, String toAddress, Long fromId, Long toId, BigInteger value,
        long method, String methodName, String actorType, String codeCid, String params, String paramsJson,
        long exitCode, @JsonProperty("return") String returnValue, String returnJson, long gasLimit, long gasUsed, int readOnly,
        int subcallCount, String indexedAt) implements Row {
    @Override
    public String table() {
        return "subcalls";
    }
}
