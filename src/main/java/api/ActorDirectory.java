package api;

import codec.address.Address;
import codec.address.AddressException;
import codec.address.Network;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves any address form to its actor through {@code address_sightings} (the newest canonical
 * sighting: a fork may have given the ID to another address) and renders actors with every known
 * form, each the newest canonical fact of its kind ({@code actor_facts}). Found actors and
 * resolutions are cached briefly: they rarely change, and caching them saves a query on nearly
 * every answer.
 */
public final class ActorDirectory {
    private static final java.time.Duration CACHED_FOR = java.time.Duration.ofSeconds(30);
    private static final String ACTOR_COLUMNS = "id, robust, delegated, eth, code_cid, actor_type";

    private final SqlRows rows;
    private final Network network;
    private final Cache<Long, ActorRecord> records = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(CACHED_FOR).build();
    private final Cache<String, Long> resolved = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(CACHED_FOR).build();

    public ActorDirectory(SqlRows rows, Network network) {
        this.rows = rows;
        this.network = network;
    }

    /** The actor ID an address names: immediate for an ID address, else looked up. */
    public Optional<Long> resolveId(Address address) {
        if (address.protocol() == Address.ID) {
            return Optional.of(address.actorId());
        }
        Long cached = resolved.getIfPresent(address.toString());
        if (cached != null) {
            return Optional.of(cached);
        }
        String eth = address.hasEthForm() ? address.toEth() : address.toString();
        Map<String, Object> forms = Map.of("a", address.toString(), "e", eth);
        Optional<ObjectNode> newest = rows.first(NEWEST_SIGHTING, forms);
        Optional<Long> id;
        if (newest.isPresent()) {
            // seen only on tipsets a reorg orphaned: no actor has this address on the chain
            id = Rows.number(newest.get(), "canonical") == 1 ? Optional.of(Rows.number(newest.get(), "actor_id"))
                    : Optional.empty();
        } else {
            id = rows.first("SELECT actor_id FROM address_index FINAL WHERE address IN ({a:String}, {e:String})"
                    + " LIMIT 1", forms).map(r -> Rows.number(r, "actor_id"));
        }
        id.ifPresent(v -> resolved.put(address.toString(), v));
        return id;
    }

    /**
     * The address's newest sightings (a reorg orphans only recent ones), canonical first. No row:
     * the address was indexed before sightings were kept (migration 072), so {@code address_index}
     * answers.
     */
    private static final String NEWEST_SIGHTING = """
            SELECT actor_id, height,
                   (height, tipset_key, indexed_at) IN (
                       SELECT height, tipset_key, indexed_at FROM tipsets FINAL WHERE height IN (
                           SELECT height FROM address_sightings WHERE address IN ({a:String}, {e:String})
                           ORDER BY height DESC LIMIT 1000)) AS canonical
            FROM (SELECT actor_id, height, tipset_key, indexed_at FROM address_sightings
                  WHERE address IN ({a:String}, {e:String}) ORDER BY height DESC LIMIT 1000)
            ORDER BY canonical DESC, height DESC
            LIMIT 1""";

    public Optional<ActorRecord> find(Address address) {
        return resolveId(address).flatMap(id -> Optional.ofNullable(byIds(List.of(id)).get(id)));
    }

    /**
     * What the index knows of each actor: per kind of fact (each address form, code CID, type) the
     * newest canonical one of its newest 1,000 (a reorg orphans only recent ones). A kind without a
     * canonical fact comes from {@code actors}, which holds only what was indexed before migration 073
     * (a later fork cannot reach it); else it is unknown. An actor with neither is not known.
     */
    public Map<Long, ActorRecord> byIds(Collection<Long> ids) {
        Map<Long, ActorRecord> out = new HashMap<>(records.getAllPresent(ids));
        List<Long> missing = ids.stream().distinct().filter(id -> !out.containsKey(id)).toList();
        if (missing.isEmpty()) {
            return out;
        }
        // the array literal is made of longs only; it still travels as a bound parameter
        Map<String, Object> p = Map.of("ids", missing.stream().map(String::valueOf)
                .collect(Collectors.joining(",", "[", "]")));
        Map<Long, Map<String, String>> facts = new HashMap<>();
        for (ObjectNode r : rows.query(NEWEST_FACTS, p)) {
            facts.computeIfAbsent(Rows.number(r, "actor_id"), k -> new HashMap<>())
                    .put(Rows.text(r, "kind"), Rows.text(r, "newest"));
        }
        Map<Long, ObjectNode> before073 = new HashMap<>();
        for (ObjectNode r : rows.query("SELECT " + ACTOR_COLUMNS + " FROM actors FINAL WHERE id IN {ids:Array(UInt64)}", p)) {
            before073.put(Rows.number(r, "id"), r);
        }
        for (long id : missing) {
            Map<String, String> canonical = facts.get(id);
            ObjectNode old = before073.get(id);
            if (canonical == null && old == null) {
                continue;
            }
            Function<String, String> fact = kind -> {
                String v = canonical == null ? null : canonical.get(kind);
                return v != null && !v.isEmpty() ? v : old == null ? null : Rows.optionalText(old, kind);
            };
            ActorForms forms = new ActorForms(Address.id(id).toString(), fact.apply("robust"),
                    fact.apply("delegated"), fact.apply("eth"));
            ActorRecord record = new ActorRecord(forms, fact.apply("actor_type"), fact.apply("code_cid"));
            records.put(id, record);
            out.put(id, record);
        }
        return out;
    }

    /** Per actor of {@code {ids}} and kind of fact, the newest canonical fact of the kind's newest 1,000. */
    private static final String RECENT_FACTS = "SELECT actor_id, kind, value, height, tipset_key, indexed_at"
            + " FROM actor_facts WHERE actor_id IN {ids:Array(UInt64)}"
            + " ORDER BY actor_id, kind, height DESC LIMIT 1000 BY actor_id, kind";
    private static final String NEWEST_FACTS = """
            SELECT actor_id, kind, argMax(value, height) AS newest
            FROM (%s)
            WHERE (height, tipset_key, indexed_at) IN (
                SELECT height, tipset_key, indexed_at FROM tipsets FINAL
                WHERE height IN (SELECT height FROM (%s)))
            GROUP BY actor_id, kind""".formatted(RECENT_FACTS, RECENT_FACTS);

    /**
     * An actor as answers show it: what the index knows of {@code id}, completed with the forms
     * that follow from the address as the message or trace printed it.
     */
    public ObjectNode render(Long id, String printed, Map<Long, ActorRecord> known) {
        ActorForms forms = ActorForms.NONE;
        ActorRecord record = id == null ? null : known.get(id);
        if (record != null) {
            forms = record.forms();
        } else if (id != null) {
            forms = new ActorForms(Address.id(id).toString(), null, null, null);
        }
        forms = forms.or(parsedForms(printed));
        if (forms.id() != null && forms.eth() == null && forms.delegated() == null) {
            forms = forms.or(AddressReport.computedForms(Address.parse(forms.id())));
        }
        ObjectNode node = forms.toJson(network);
        if (record != null && record.actorType() != null) {
            node.put("actorType", record.actorType());
        }
        return node;
    }

    public Network network() {
        return network;
    }

    private static ActorForms parsedForms(String printed) {
        if (printed == null || printed.isEmpty()) {
            return ActorForms.NONE;
        }
        try {
            return AddressReport.computedForms(AddressInput.parse(printed).address());
        } catch (AddressException e) {
            return ActorForms.NONE;
        }
    }
}
