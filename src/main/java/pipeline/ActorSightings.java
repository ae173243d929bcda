package pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import storage.rows.ActorRow;
import storage.rows.AddressRow;
import storage.rows.Row;

/** The actors one height shows, with every address form it reveals for them. */
final class ActorSightings {
    private final Map<Long, Forms> byId = new LinkedHashMap<>();
    private final ActorCache book;

    ActorSightings(ActorCache book) {
        this.book = book;
    }

    private static final class Forms {
        String robust = "";
        String delegated = "";
        String eth = "";
        String codeCid = "";
        String actorType = "";
    }

    /** Sees actor {@code id}, named {@code address} (any form; ID forms add nothing). */
    void see(Long id, String address) {
        if (id == null) {
            return;
        }
        Forms f = byId.computeIfAbsent(id, k -> new Forms());
        if (address == null || address.isEmpty() || Addresses.idOf(address).isPresent()) {
            return;
        }
        String a = Addresses.canonical(address);
        book.learn(a, id);
        if (a.startsWith("0x")) {
            setDelegated(f, Addresses.delegatedOfEth(a), id);
        } else if (a.startsWith("f4")) {
            setDelegated(f, a, id);
        } else {
            f.robust = a;
        }
    }

    private void setDelegated(Forms f, String delegated, long id) {
        if (delegated == null) {
            return;
        }
        f.delegated = delegated;
        String eth = Addresses.ethOfDelegated(delegated);
        if (eth != null) {
            f.eth = eth;
            book.learn(eth, id);
        }
    }

    void code(Long id, String codeCid, String actorType) {
        if (id == null) {
            return;
        }
        Forms f = byId.computeIfAbsent(id, k -> new Forms());
        if (codeCid != null && !codeCid.isEmpty()) {
            f.codeCid = codeCid;
        }
        if (actorType != null && !actorType.isEmpty()) {
            f.actorType = actorType;
        }
    }

    String actorType(Long id) {
        Forms f = id == null ? null : byId.get(id);
        return f == null ? "" : f.actorType;
    }

    int size() {
        return byId.size();
    }

    /** One {@code actors} row per actor and one {@code address_index} row per known form. */
    List<Row> rows(long height, String indexedAt) {
        List<Row> rows = new ArrayList<>(byId.size() * 2);
        byId.forEach((id, f) -> {
            rows.add(new ActorRow(id, f.robust, f.delegated, f.eth, f.codeCid, f.actorType, height, height));
            rows.add(new AddressRow(Addresses.idAddress(id), id, "id", indexedAt));
            if (!f.robust.isEmpty()) {
                rows.add(new AddressRow(f.robust, id, "robust", indexedAt));
            }
            if (!f.delegated.isEmpty()) {
                rows.add(new AddressRow(f.delegated, id, "delegated", indexedAt));
            }
            if (!f.eth.isEmpty()) {
                rows.add(new AddressRow(f.eth, id, "eth", indexedAt));
            }
        });
        return rows;
    }
}
