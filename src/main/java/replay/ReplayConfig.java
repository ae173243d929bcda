package replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * How a replay node runs: the recorded network directory (layout of
 * {@code fixtures/lotus/<network>/}), port (0 = any free port), address prefix, optional bearer
 * token, synthetic chain and planned faults.
 */
public record ReplayConfig(Path fixtures, int port, char prefix, String token, SyntheticOptions synthetic,
                           Faults faults, Path addressVectors, String network, Set<String> withoutMethods,
                           java.net.URI ethNode) {
    public ReplayConfig {
        if (prefix != 'f' && prefix != 't') {
            throw new IllegalArgumentException("prefix must be 'f' or 't'");
        }
        withoutMethods = Set.copyOf(withoutMethods);
    }

    /**
     * Serves {@code fixturesNetworkDir}. The network is the directory's name; robust/ID facts are
     * also read from {@code ../../addresses/address-resolution-vectors.json} when it exists.
     */
    public static ReplayConfig of(Path fixturesNetworkDir) {
        Path dir = fixturesNetworkDir.toAbsolutePath().normalize();
        Path vectors = dir.getParent() == null || dir.getParent().getParent() == null ? null
                : dir.getParent().getParent().resolve("addresses").resolve("address-resolution-vectors.json");
        Path name = dir.getFileName();
        return new ReplayConfig(dir, 0, 'f', null, null, Faults.none(),
                vectors != null && Files.isRegularFile(vectors) ? vectors : null,
                name == null ? "" : name.toString(), Set.of(), null);
    }

    public ReplayConfig withPort(int port) {
        return new ReplayConfig(fixtures, port, prefix, token, synthetic, faults, addressVectors, network, withoutMethods, ethNode);
    }

    public ReplayConfig withPrefix(char prefix) {
        return new ReplayConfig(fixtures, port, prefix, token, synthetic, faults, addressVectors, network, withoutMethods, ethNode);
    }

    public ReplayConfig withToken(String token) {
        return new ReplayConfig(fixtures, port, prefix, token, synthetic, faults, addressVectors, network, withoutMethods, ethNode);
    }

    public ReplayConfig withSynthetic(SyntheticOptions synthetic) {
        return new ReplayConfig(fixtures, port, prefix, token, synthetic, faults, addressVectors, network, withoutMethods, ethNode);
    }

    public ReplayConfig withFaults(Faults faults) {
        return new ReplayConfig(fixtures, port, prefix, token, synthetic, faults, addressVectors, network, withoutMethods, ethNode);
    }

    public ReplayConfig withAddressVectors(Path addressVectors) {
        return new ReplayConfig(fixtures, port, prefix, token, synthetic, faults, addressVectors, network, withoutMethods, ethNode);
    }

    /**
     * Methods this node does not have, answered with -32601 like a node or gateway without them:
     * e.g. {@code Filecoin.StateCompute}, to exercise a client's fallback to parent messages.
     */
    public ReplayConfig withoutMethods(String... methods) {
        return new ReplayConfig(fixtures, port, prefix, token, synthetic, faults, addressVectors, network, Set.of(methods), ethNode);
    }

    /**
     * An Ethereum JSON-RPC node (e.g. a Hardhat network node) that answers the Eth* methods the
     * recordings do not: EthGetCode, EthCall, EthGetTransactionReceipt, … (see {@link EthForwarder}).
     */
    public ReplayConfig withEthNode(java.net.URI ethNode) {
        return new ReplayConfig(fixtures, port, prefix, token, synthetic, faults, addressVectors, network, withoutMethods, ethNode);
    }

    /** The network name used to pick address facts and answer StateNetworkName ("mainnet", "calibnet"). */
    public ReplayConfig withNetwork(String network) {
        return new ReplayConfig(fixtures, port, prefix, token, synthetic, faults, addressVectors, network, withoutMethods, ethNode);
    }
}
