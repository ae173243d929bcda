package lotus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An EVM log from {@code EthGetLogs}. Hashes, addresses and data stay 0x-hex as printed;
 * quantities are decoded from hex. {@code transactionCid} is the Filecoin message CID when the
 * node includes it (some recorders add it), otherwise null.
 */
public record EthLog(
        String address,
        String data,
        List<String> topics,
        boolean removed,
        long logIndex,
        long transactionIndex,
        String transactionHash,
        String blockHash,
        long blockNumber,
        String transactionCid) {

    @JsonCreator
    static EthLog fromJson(@JsonProperty("address") String address,
                           @JsonProperty("data") String data,
                           @JsonProperty("topics") List<String> topics,
                           @JsonProperty("removed") boolean removed,
                           @JsonProperty("logIndex") String logIndex,
                           @JsonProperty("transactionIndex") String transactionIndex,
                           @JsonProperty("transactionHash") String transactionHash,
                           @JsonProperty("blockHash") String blockHash,
                           @JsonProperty("blockNumber") String blockNumber,
                           @JsonProperty("transactionCid") String transactionCid) {
        return new EthLog(address, data, topics == null ? List.of() : List.copyOf(topics), removed,
                EthHex.quantity(logIndex), EthHex.quantity(transactionIndex), transactionHash, blockHash,
                EthHex.quantity(blockNumber), transactionCid);
    }
}
