package pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import storage.rows.ActorFactRow;
import storage.rows.AddressRow;
import storage.rows.Row;

/** The actors one height shows, with every address form it reveals for them. */
final class ActorSightings {
    private final Map<Long, Forms> byId = new LinkedHashMap<>();
    private final ActorCache book;
    private final HeightContext ctx;

    ActorSightings(ActorCache book, HeightContext ctx) {
        this.book = book;
        this.ctx = ctx;
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
        book.learn(a, id, ctx.height(), ctx.key());
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
            book.learn(eth, id, ctx.height(), ctx.key());
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

    /**
     * One {@code actor_facts} row per fact seen of each actor (its forms, code and type; 'seen' for
     * an actor named only by its ID) and one {@code address_sightings} row per robust, f410 and 0x
     * form (an ID form names its actor by itself), each with this tipset: a fork may give the ID to
     * another address, and readers take the newest canonical fact and sighting.
     */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>(byId.size() * 4);
        byId.forEach((id, f) -> {
            int before = rows.size();
            fact(rows, id, "robust", f.robust);
            fact(rows, id, "delegated", f.delegated);
            fact(rows, id, "eth", f.eth);
            fact(rows, id, "code_cid", f.codeCid);
            fact(rows, id, "actor_type", f.actorType);
            if (rows.size() == before) {
                rows.add(new ActorFactRow(id, "seen", "", ctx.height(), ctx.tipsetKey(), ctx.indexedAt()));
            }
            if (!f.robust.isEmpty()) {
                rows.add(sighting(f.robust, id, "robust"));
            }
            if (!f.delegated.isEmpty()) {
                rows.add(sighting(f.delegated, id, "delegated"));
            }
            if (!f.eth.isEmpty()) {
                rows.add(sighting(f.eth, id, "eth"));
            }
        });
        return rows;
    }

    private void fact(List<Row> rows, long id, String kind, String value) {
        if (!value.isEmpty()) {
            rows.add(new ActorFactRow(id, kind, value, ctx.height(), ctx.tipsetKey(), ctx.indexedAt()));
        }
    }

    private AddressRow sighting(String address, long id, String kind) {
        return new AddressRow(address, id, kind, ctx.height(), ctx.tipsetKey(), ctx.indexedAt());
    }
}
