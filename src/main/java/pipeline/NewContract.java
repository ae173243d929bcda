package pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The value published on the {@code new_contract} topic for a successful creation (the record
 * key is {@link #messageCid()}). Field meanings are documented in docs/PIPELINE.md; {@code value} is attoFIL as a decimal
 * string, {@code params}/{@code return} base64 DAG-CBOR, {@code from}/{@code to} the creating call's
 * (ID form), {@code callPath} '' for the top-level call or sibling positions like "0.2.1".
 */
public record NewContract(
        String network,
        long height,
        List<String> tipsetKey,
        long timestamp,
        String messageCid,
        String topLevelFrom,
        String topLevelTo,
        int depth,
        String callPath,
        String actor,
        String method,
        long methodNumber,
        String from,
        String to,
        String value,
        String params,
        @JsonProperty("return") String returnValue,
        long exitCode,
        long actorId,
        String robust,
        String delegated,
        String eth) {
}
