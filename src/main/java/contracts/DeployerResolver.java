package contracts;

import codec.address.Address;
import codec.address.Network;
import lotus.LotusClient;
import lotus.TipSetKey;

/**
 * The deployer's forms: its ID comes with the creation; the address the message was sent from
 * names it directly when the creation is the message itself; the rest is asked of the node at the
 * creation tipset (StateAccountKey for accounts, StateLookupRobustAddress otherwise,
 * FilecoinAddressToEthAddress for the Ethereum form).
 */
final class DeployerResolver {
    private final LotusClient lotus;

    DeployerResolver(LotusClient lotus) {
        this.lotus = lotus;
    }

    Deployer resolve(ParsedCreation c, TipSetKey at) {
        Address id = Address.id(c.deployerId());
        String robust = "";
        String delegated = "";
        if (c.payload().depth() == 0) {
            Address sent = Address.parse(c.payload().topLevelFrom());
            if (sent.protocol() == Address.DELEGATED) {
                delegated = print(sent);
            } else if (sent.protocol() != Address.ID) {
                robust = print(sent);
            }
        }
        if (robust.isEmpty()) {
            Address key = LotusAnswers.ifKnown(() -> lotus.stateAccountKey(id, at))
                    .or(() -> LotusAnswers.ifKnown(() -> lotus.stateLookupRobustAddress(id, at))).orElse(null);
            if (key != null && key.protocol() == Address.DELEGATED) {
                delegated = delegated.isEmpty() ? print(key) : delegated;
            } else if (key != null && key.protocol() != Address.ID) {
                robust = print(key);
            }
        }
        String eth = delegated.isEmpty() ? ethOf(id) : ethOfDelegated(delegated);
        if (delegated.isEmpty() && !eth.isEmpty()) {
            Address fromEth = Address.fromEth(eth);
            delegated = fromEth.protocol() == Address.DELEGATED ? print(fromEth) : "";
        }
        return new Deployer(c.deployerId(), robust, delegated, eth);
    }

    /** The node's answer: the actor's own 0x address when it has an f410, else the masked ID form. */
    private String ethOf(Address id) {
        return LotusAnswers.ifKnown(() -> lotus.filecoinAddressToEthAddress(id)).map(String::toLowerCase)
                .orElse(id.toEth());
    }

    private static String ethOfDelegated(String delegated) {
        Address a = Address.parse(delegated);
        return a.hasEthForm() ? a.toEth() : "";
    }

    private static String print(Address a) {
        return a.toString(Network.MAINNET);
    }
}
