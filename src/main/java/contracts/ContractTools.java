package contracts;

import codec.address.Network;
import contracts.verify.VerificationService;
import lotus.LotusClient;

/**
 * What the developer endpoints (verification, ABI, calls, decoded logs) work with: the verification
 * service, the Lotus node calls go through, the chain id tools name the network by, the upload limit
 * and who may upload.
 */
public record ContractTools(VerificationService verification, LotusClient lotus, long chainId, Network network,
                            int maxSourceBytes, Uploaders uploaders) {
    public static final long MAINNET = 314;
    public static final long CALIBRATION = 314159;

    /** The chain ids filflow answers for (Sourcify's v2 paths name one): 314 and 314159. */
    public static boolean isFilecoinChain(long chainId) {
        return chainId == MAINNET || chainId == CALIBRATION;
    }

    public static long defaultChainId(Network network) {
        return network.prefix() == 't' ? CALIBRATION : MAINNET;
    }
}
