package replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Where EthGetLogs and GetActorEventsRaw take their entries from, before the filter is applied. */
interface EventSource {
    /** The height "latest" stands for. */
    long head();

    List<JsonNode> ethLogs(long from, long to);

    List<JsonNode> ethLogsOfBlock(String blockHash);

    List<JsonNode> actorEvents(long from, long to);

    List<JsonNode> actorEvents(List<String> tipsetKey);

    /** The Filecoin message CID of an Ethereum transaction hash seen in the logs, or null. */
    String messageOfTransaction(String hash);
}
