package contracts.verify;

import java.util.Optional;

/** What the chain says about a contract: its runtime code now, and its creation input where known. */
public interface ChainCode {
    /** {@code EthGetCode(address, "latest")}; empty when there is no EVM code there. */
    byte[] runtimeCode(String address);

    /** The input of the transaction that created the contract (init code + constructor arguments), when known. */
    Optional<byte[]> creationInput(String address);
}
