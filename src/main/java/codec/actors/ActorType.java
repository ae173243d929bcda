package codec.actors;

import java.util.Locale;
import java.util.Optional;

/** The builtin actor kinds, named as in the builtin-actors bundle manifests. */
public enum ActorType {
    SYSTEM("system", 0),
    INIT("init", 1),
    REWARD("reward", 2),
    CRON("cron", 3),
    POWER("storagepower", 4),
    MARKET("storagemarket", 5),
    VERIFIED_REGISTRY("verifiedregistry", 6),
    DATACAP("datacap", 7),
    EAM("eam", 10),
    ACCOUNT("account", -1),
    MINER("storageminer", -1),
    MULTISIG("multisig", -1),
    PAYMENT_CHANNEL("paymentchannel", -1),
    EVM("evm", -1),
    ETH_ACCOUNT("ethaccount", -1),
    PLACEHOLDER("placeholder", -1);

    private final String manifestName;
    private final long singletonId;

    ActorType(String manifestName, long singletonId) {
        this.manifestName = manifestName;
        this.singletonId = singletonId;
    }

    /** The name used in bundle manifests and in {@code methods.yaml} ("storageminer", "eam", …). */
    public String manifestName() {
        return manifestName;
    }

    public static Optional<ActorType> ofManifestName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ActorType t : values()) {
            if (t.manifestName.equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The singleton actor living at a fixed ID (f01 init, f04 power, f010 EAM, …) — how to know
     * the callee's type when a trace carries no code CID.
     */
    public static Optional<ActorType> ofSingletonId(long id) {
        for (ActorType t : values()) {
            if (t.singletonId == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
