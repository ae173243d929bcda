package contracts.verify;

import java.util.Optional;
import lotus.LotusClient;

/**
 * The chain's side of a verification through Lotus: {@code EthGetCode} at the latest height. The
 * creation input is not looked up yet (filflow keeps init code only when the node had no runtime
 * code), so only the runtime code decides the match.
 */
public final class LotusChainCode implements ChainCode {
    private final LotusClient lotus;

    public LotusChainCode(LotusClient lotus) {
        this.lotus = lotus;
    }

    @Override
    public byte[] runtimeCode(String address) {
        return lotus.ethGetCode(address, "latest");
    }

    @Override
    public Optional<byte[]> creationInput(String address) {
        return Optional.empty();
    }
}
