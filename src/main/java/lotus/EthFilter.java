package lotus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The filter of {@code EthGetLogs}: a block range ({@code "0x…"}, {@code "latest"}, ...) or one
 * {@code blockHash}; {@code topics} position by position, a null position matching anything.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EthFilter(
        @JsonProperty("fromBlock") String fromBlock,
        @JsonProperty("toBlock") String toBlock,
        @JsonProperty("address") List<String> address,
        @JsonProperty("topics") List<List<String>> topics,
        @JsonProperty("blockHash") String blockHash) {

    public static EthFilter heights(long from, long to) {
        return new EthFilter(EthHex.quantity(from), EthHex.quantity(to), null, null, null);
    }

    public static EthFilter blockHash(String hash) {
        return new EthFilter(null, null, null, null, hash);
    }
}
