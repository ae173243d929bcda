package contracts.verify;

import java.util.Optional;
import lotus.LotusClient;

/**
 * The chain's side of a verification: the runtime code by {@code EthGetCode} at the latest
 * height through Lotus, and the creation input from the indexed creation when filflow has it.
 */
public final class LotusChainCode implements ChainCode {
    private final LotusClient lotus;
    private final IndexedCreations creations;

    public LotusChainCode(LotusClient lotus, IndexedCreations creations) {
        this.lotus = lotus;
        this.creations = creations;
    }

    @Override
    public byte[] runtimeCode(String address) {
        return lotus.ethGetCode(address, "latest");
    }

    @Override
    public Optional<byte[]> creationInput(String address) {
        return creations.input(address);
    }
}
