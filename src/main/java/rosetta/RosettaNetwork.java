package rosetta;

import api.AddressInput;
import codec.address.Address;
import codec.address.AddressException;
import codec.cid.TipSetKeyCid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The one network this filflow serves: blockchain {@code Filecoin}, network {@code mainnet} or
 * {@code calibrationnet}, currency FIL with 18 decimals, and the genesis block of that network.
 */
public record RosettaNetwork(String network, char addressPrefix, long genesisIndex, String genesisBlockCid) {
    public static final String BLOCKCHAIN = "Filecoin";
    public static final String SYMBOL = "FIL";
    public static final int DECIMALS = 18;
    /** Genesis block CIDs (fixtures/lotus/genesis/*_genesis_tipset.json). */
    static final String MAINNET_GENESIS = "bafy2bzacecnamqgqmifpluoeldx7zzglxcljo6oja4vrmtj7432rphldpdmm2";
    static final String CALIBRATION_GENESIS = "bafy2bzacecyaggy24wol5ruvs6qm73gjibs2l2iyhcqmvi7r7a4ph7zx3yqd4";

    public static RosettaNetwork mainnet() {
        return new RosettaNetwork("mainnet", 'f', 0, MAINNET_GENESIS);
    }

    public static RosettaNetwork calibration() {
        return new RosettaNetwork("calibrationnet", 't', 0, CALIBRATION_GENESIS);
    }

    /**
     * The network of a setting ({@code mainnet} or {@code calibrationnet}); blank: from the address
     * prefix the node uses ({@code f} mainnet, {@code t} calibration).
     */
    public static RosettaNetwork of(String setting, char addressPrefix) {
        String name = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return addressPrefix == 't' ? calibration() : mainnet();
        }
        return switch (name) {
            case "mainnet" -> mainnet();
            case "calibrationnet", "calibnet", "calibration" -> calibration();
            default -> throw new IllegalArgumentException("rosetta.network must be mainnet or calibrationnet, not '" + setting + "'");
        };
    }

    public ObjectNode identifier() {
        ObjectNode id = JsonNodeFactory.instance.objectNode();
        id.put("blockchain", BLOCKCHAIN);
        id.put("network", network);
        return id;
    }

    public static ObjectNode currency() {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("symbol", SYMBOL);
        c.put("decimals", DECIMALS);
        return c;
    }

    /** The genesis block: index 0, hash of the tipset made of the genesis block. */
    public ObjectNode genesis() {
        ObjectNode id = JsonNodeFactory.instance.objectNode();
        id.put("index", genesisIndex);
        id.put("hash", TipSetKeyCid.of(java.util.List.of(genesisBlockCid)));
        return id;
    }

    /** The address of {@code account_identifier.address}: any form of this network (ID, robust, f410, 0x). */
    public Address account(String text) {
        AddressInput in;
        try {
            in = AddressInput.parse(text);
        } catch (AddressException e) {
            throw RosettaError.INVALID_ACCOUNT.because(RosettaRequest.shorten(text) + " is not an address: " + e.getMessage());
        }
        if (in.network() != null && in.network().prefix() != addressPrefix) {
            throw RosettaError.INVALID_ACCOUNT.because(RosettaRequest.shorten(text) + " is an address of another network"
                    + " (this one writes '" + addressPrefix + "')");
        }
        return in.address();
    }

    /** How operations name an actor: its ID address with this network's prefix (stable, unlike robust forms learnt later). */
    public String accountOf(long actorId) {
        return addressPrefix + "0" + Long.toUnsignedString(actorId);
    }

    /** Refuses a network_identifier that is not this network's (a sub-network included). */
    public void check(JsonNode identifier) {
        RosettaRequest.requireObject(identifier, "network_identifier");
        String blockchain = RosettaRequest.requireText(identifier, "blockchain", "network_identifier");
        String name = RosettaRequest.requireText(identifier, "network", "network_identifier");
        if (identifier.has("sub_network_identifier") && !identifier.get("sub_network_identifier").isNull()) {
            throw RosettaError.UNSUPPORTED_NETWORK.because("Filecoin has no sub-networks");
        }
        if (!BLOCKCHAIN.equals(blockchain) || !network.equals(name)) {
            throw RosettaError.UNSUPPORTED_NETWORK.because("this server answers " + BLOCKCHAIN + " / " + network
                    + ", not " + RosettaRequest.shorten(blockchain) + " / " + RosettaRequest.shorten(name));
        }
    }
}
