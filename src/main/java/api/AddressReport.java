package api;

import codec.address.Address;
import codec.address.AddressException;
import codec.address.Network;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;

/**
 * The address verifier/converter: checks any input, explains what is wrong with an invalid one,
 * converts a valid one to every form it can compute, and adds what the index knows of the actor.
 */
public final class AddressReport {
    private static final String[] PROTOCOLS = {"id", "secp256k1", "actor", "bls", "delegated"};

    private final Function<Address, Optional<ActorRecord>> directory;
    private final Network defaultNetwork;
    private final Function<Address, Optional<String>> balances;

    public AddressReport(Function<Address, Optional<ActorRecord>> directory, Network defaultNetwork) {
        this(directory, defaultNetwork, a -> Optional.empty());
    }

    /** With {@code balances}: the attoFIL balance after the highest indexed height, for actors the history knows. */
    public AddressReport(Function<Address, Optional<ActorRecord>> directory, Network defaultNetwork,
            Function<Address, Optional<String>> balances) {
        this.directory = directory;
        this.defaultNetwork = defaultNetwork;
        this.balances = balances;
    }

    public ObjectNode verify(String raw) {
        ObjectNode out = ApiJson.object();
        out.put("input", raw);
        AddressInput in;
        try {
            in = AddressInput.parse(raw);
        } catch (AddressException e) {
            return out.put("valid", false).put("errorKind", e.kind().name()).put("error", e.getMessage());
        }
        Network network = in.network() == null ? defaultNetwork : in.network();
        Address a = in.address();
        out.put("valid", true);
        out.put("network", network == Network.MAINNET ? "mainnet" : "testnet");
        out.put("protocol", a.protocol());
        out.put("protocolName", PROTOCOLS[a.protocol()]);
        if (a.protocol() == Address.DELEGATED) {
            out.put("namespace", a.namespace());
        }
        Optional<ActorRecord> actor = Optional.empty();
        try {
            actor = directory.apply(a);
            out.put("known", actor.isPresent());
            if (actor.isPresent()) {
                balances.apply(a).ifPresent(b -> out.put("balance", b));
            }
        } catch (ApiException e) {
            if (e.status() != 503) {
                throw e;
            }
            // conversion needs no index: answer it, and say the index could not be asked
            out.put("lookupError", e.getMessage());
        }
        ActorForms forms = actor.map(ActorRecord::forms).orElse(ActorForms.NONE).or(computedForms(a));
        out.setAll(forms.toJson(network));
        actor.ifPresent(r -> {
            if (r.actorType() != null) {
                out.put("actorType", r.actorType());
            }
            if (r.codeCid() != null) {
                out.put("codeCid", r.codeCid());
            }
        });
        return out;
    }

    /** The forms that follow from the address itself, without the index. */
    static ActorForms computedForms(Address a) {
        String f = a.toString();
        return switch (a.protocol()) {
            case Address.ID -> new ActorForms(f, null, null, a.toEth());
            case Address.DELEGATED -> new ActorForms(null, null, f, a.hasEthForm() ? a.toEth() : null);
            default -> new ActorForms(null, f, null, null);
        };
    }
}
