package api;

import codec.address.Network;
import rosetta.RosettaNetwork;

/**
 * The API's settings.
 *
 * @param network        the prefix answers print addresses with (stored forms are f-prefixed)
 * @param adminToken     the bearer token of {@code POST /api/v1/admin/index}; blank disables it
 * @param cacheMaxBytes  memory for answers of final data ({@link ResponseCache}); 0 turns the cache off
 * @param finalityEpochs how far below the highest indexed tipset a height is final ({@link Finality})
 * @param rosettaNetwork the network the Rosetta API serves
 */
public record ApiConfig(Network network, String adminToken, long queryTimeoutMillis, long cacheMaxBytes,
        long finalityEpochs, RosettaNetwork rosettaNetwork) {
    /** Filecoin's finality: no reorg reaches a tipset 900 epochs deep. */
    public static final long CHAIN_FINALITY = 900;
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    public ApiConfig(Network network, String adminToken, long queryTimeoutMillis) {
        this(network, adminToken, queryTimeoutMillis, DEFAULT_CACHE_BYTES, CHAIN_FINALITY);
    }

    public ApiConfig(Network network, String adminToken, long queryTimeoutMillis, long cacheMaxBytes, long finalityEpochs) {
        this(network, adminToken, queryTimeoutMillis, cacheMaxBytes, finalityEpochs,
                RosettaNetwork.of("", network.prefix()));
    }
}
