package replay;

import codec.Blake2b;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Events of a synthetic height: those recorded for the height it replays, with block number,
 * block hash, tipset key, height and message CIDs rewritten to the synthetic tipset (the same
 * message CIDs StateCompute shows). A height whose recording has no such file is an error.
 */
final class SyntheticEvents implements EventSource {
    private final SyntheticChain chain;
    private final RecordedEvents recorded;
    private final java.util.Map<String, String> messageOfTransaction = new java.util.concurrent.ConcurrentHashMap<>();

    SyntheticEvents(SyntheticChain chain, RecordedEvents recorded) {
        this.chain = chain;
        this.recorded = recorded;
    }

    @Override
    public long head() {
        return chain.headHeight();
    }

    @Override
    public List<JsonNode> ethLogs(long from, long to) {
        List<JsonNode> out = new ArrayList<>();
        chain.eventContexts(from, to).forEach(c -> out.addAll(ethLogs(c)));
        return out;
    }

    @Override
    public List<JsonNode> ethLogsOfBlock(String blockHash) {
        SyntheticChain.EventContext c = chain.eventContextOfEthBlock(blockHash);
        return c == null ? List.of() : ethLogs(c);
    }

    @Override
    public List<JsonNode> actorEvents(long from, long to) {
        List<JsonNode> out = new ArrayList<>();
        chain.eventContexts(from, to).forEach(c -> out.addAll(actorEvents(c)));
        return out;
    }

    @Override
    public List<JsonNode> actorEvents(List<String> tipsetKey) {
        return actorEvents(chain.eventContext(tipsetKey));
    }

    @Override
    public String messageOfTransaction(String hash) {
        return messageOfTransaction.get(hash.toLowerCase(java.util.Locale.ROOT));
    }

    private List<JsonNode> ethLogs(SyntheticChain.EventContext c) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode log : entries(FixtureDirectory.Kind.ETHLOG, c, "EVM logs")) {
            ObjectNode l = log.deepCopy();
            l.put("blockNumber", "0x" + Long.toHexString(c.height()));
            l.put("blockHash", c.ethBlockHash());
            l.put("transactionHash", ethHash("ethtx", c, l.path("transactionHash").asText()));
            if (l.path("transactionCid").isTextual()) {
                l.put("transactionCid", replaced(c, l.path("transactionCid").asText()));
                messageOfTransaction.put(l.path("transactionHash").asText(), l.path("transactionCid").asText());
            }
            out.add(l);
        }
        return out;
    }

    private List<JsonNode> actorEvents(SyntheticChain.EventContext c) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode event : entries(FixtureDirectory.Kind.NATIVELOG, c, "actor events")) {
            ObjectNode e = event.deepCopy();
            e.put("height", c.height());
            ArrayNode key = e.putArray("tipsetKey");
            c.cids().forEach(cid -> key.addObject().put("/", cid));
            if (e.path("msgCid").path("/").isTextual()) {
                e.putObject("msgCid").put("/", replaced(c, event.path("msgCid").path("/").asText()));
            }
            out.add(e);
        }
        return out;
    }

    private List<JsonNode> entries(FixtureDirectory.Kind kind, SyntheticChain.EventContext c, String what) {
        if (!recorded.has(kind, c.recordedHeight())) {
            throw LotusErrors.eventsNotRecorded(what + " of height " + c.recordedHeight() + ", which synthetic height "
                    + c.height() + " replays");
        }
        return recorded.file(kind, c.recordedHeight());
    }

    private static String replaced(SyntheticChain.EventContext c, String cid) {
        byte[] r = c.replacements().get(cid);
        return r == null ? cid : new String(r, StandardCharsets.US_ASCII);
    }

    private static String ethHash(String kind, SyntheticChain.EventContext c, String original) {
        byte[] seed = ("filflow-synthetic:" + kind + ":" + c.height() + ":" + c.branch() + ":" + original)
                .getBytes(StandardCharsets.UTF_8);
        return "0x" + HexFormat.of().formatHex(Blake2b.hash(seed, 32));
    }
}
