package storage.rows;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

public record CreationRow(long height, String tipsetKey, String messageCid, String callPath, int depth,
        long actorId, String robust, String delegated, String eth, String codeCid, String actorType,
        String creator, String method, long methodNumber, Long fromId, String topLevelFrom, String topLevelTo,
        BigInteger value, String initcode, String params, @JsonProperty("return") String returnValue, long timestamp, String indexedAt)
        implements Row {
    @Override
    public String table() {
        return "creations";
    }
}
