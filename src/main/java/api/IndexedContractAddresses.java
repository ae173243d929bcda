package api;

import accounts.ContractAddresses;
import codec.address.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Projects' view of contract addresses: parsed as the API parses them, resolved through the index's address tables. */
final class IndexedContractAddresses implements ContractAddresses {
    private final ActorDirectory actors;

    IndexedContractAddresses(ActorDirectory actors) {
        this.actors = actors;
    }

    @Override
    public Resolved resolve(String raw) {
        AddressInput in = AddressInput.require("address", raw);
        Optional<Long> id = in.isId() ? actors.find(in.address()).map(r -> in.address().actorId()) : actors.resolveId(in.address());
        return id.map(v -> new Resolved(Address.id(v).toString(), v)).orElseGet(() -> new Resolved(in.canonical(), null));
    }

    @Override
    public List<String> forms(String raw) {
        AddressInput in = AddressInput.require("address", raw);
        List<String> out = new ArrayList<>(List.of(in.canonical()));
        actors.find(in.address()).ifPresent(r -> {
            for (String form : new String[] {r.forms().id(), r.forms().robust(), r.forms().delegated()}) {
                if (form != null && !form.isEmpty()) {
                    out.add(form);
                }
            }
        });
        return out;
    }

    @Override
    public Optional<Long> learn(String key) {
        Address address = Address.parse(key);
        return address.protocol() == Address.ID ? actors.find(address).map(r -> address.actorId()) : actors.resolveId(address);
    }

    @Override
    public String print(String key) {
        return ActorForms.print(key, actors.network());
    }
}
