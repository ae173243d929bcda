package replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Node-level answers: Version from the newest recorded {@code metadata_H} file (a fixed,
 * documented answer when none was recorded) and StateNetworkName from the network.
 */
final class NodeFacts {
    /** Lotus's FullNode API version 2.3.0, encoded as Lotus prints it (major<<16 | minor<<8 | patch). */
    static final long FULL_API_VERSION = (2L << 16) | (3L << 8);
    /** Mainnet and calibration net both produce a tipset every 30 s. */
    static final long BLOCK_DELAY_SECONDS = 30;
    /** Fixed answer when no metadata file was recorded: says plainly that this is a replay. */
    static final String UNRECORDED_VERSION = "0.0.0+replay";
    private static final Map<String, String> NETWORK_NAMES = Map.of("mainnet", "testnetnet", "calibnet", "calibrationnet");

    private final byte[] version;
    private final String networkName;
    private final ObjectMapper mapper;

    NodeFacts(RecordedChain recorded, String network, ObjectMapper mapper) {
        this.mapper = mapper;
        var meta = recorded.directory().heights(FixtureDirectory.Kind.METADATA);
        String full = UNRECORDED_VERSION;
        if (!meta.isEmpty()) {
            try {
                JsonNode m = mapper.readTree(recorded.load(FixtureDirectory.Kind.METADATA, meta.lastKey()));
                full = m.path("node_full_version").asText(UNRECORDED_VERSION);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ObjectNode v = mapper.createObjectNode();
        v.put("Version", full);
        v.put("APIVersion", FULL_API_VERSION);
        v.put("BlockDelay", BLOCK_DELAY_SECONDS);
        this.version = bytes(v);
        this.networkName = NETWORK_NAMES.get(network);
    }

    RpcBody version() {
        return RpcBody.of(version);
    }

    RpcBody networkName() {
        if (networkName == null) {
            throw LotusErrors.notRecorded("the network name");
        }
        return RpcBody.of(bytes(mapper.getNodeFactory().textNode(networkName)));
    }

    private byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
