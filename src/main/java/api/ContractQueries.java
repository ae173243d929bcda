package api;

import codec.address.Address;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Contracts: every actor created at any call depth (EAM Create/Create2/CreateExternal, Init
 * Exec/Exec4), read from the pipeline's {@code creations}; an actor created through the EAM
 * appears there twice (EAM and Init) and the shallowest creation names the deployer.
 */
public final class ContractQueries {
    private static final String COLUMNS = "actor_id, robust, delegated, eth, code_cid, actor_type,"
            + " creator, method, from_id, top_level_from, message_cid, height, depth";
    private static final String BY_OWNER = "by-owner";

    private final SqlRows rows;
    private final ActorDirectory actors;
    private final MessageLists messages;

    public ContractQueries(SqlRows rows, ActorDirectory actors, MessageLists messages) {
        this.rows = rows;
        this.actors = actors;
        this.messages = messages;
    }

    public ObjectNode contract(AddressInput address) {
        return render(List.of(creation(address))).get(0);
    }

    public ObjectNode byOwner(AddressInput owner, int limit, String rawCursor) {
        Cursor cursor = Cursor.decode(rawCursor, BY_OWNER, 2);
        Long id = actors.resolveId(owner.address()).orElse(null);
        if (id == null) {
            return Pages.of(List.of(), limit, x -> x, x -> null);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("o", id);
        p.put("n", limit + 1);
        String after = "";
        if (cursor != null) {
            p.put("ch", cursor.number(0));
            p.put("ca", cursor.number(1));
            after = " AND (height, actor_id) < ({ch:UInt64}, {ca:UInt64})";
        }
        List<ObjectNode> found = rows.query("SELECT " + COLUMNS + " FROM creations FINAL WHERE from_id = {o:UInt64}"
                + " AND " + Canonical.among("SELECT height FROM creations WHERE from_id = {o:UInt64}") + after
                + " ORDER BY height DESC, actor_id DESC, depth LIMIT 1 BY actor_id LIMIT {n:UInt32}", p);
        return Pages.ofAll(found, limit, this::render,
                last -> Cursor.encode(BY_OWNER, Rows.number(last, "height"), Rows.number(last, "actor_id")));
    }

    public ObjectNode messages(AddressInput address, Long method, boolean implicit, int limit, String cursor) {
        ObjectNode c = creation(address);
        AddressInput byId = AddressInput.parse(Address.id(Rows.number(c, "actor_id")).toString());
        return messages.list(new MessageLists.Filter(null, null, byId, method, implicit, true), limit, cursor);
    }

    public ObjectNode bytecode(AddressInput address) {
        ObjectNode c = creation(address);
        throw ApiException.notFound("no bytecode is recorded for contract f0" + Rows.text(c, "actor_id")
                + " yet; the contract listener stores it");
    }

    private ObjectNode creation(AddressInput address) {
        long id = actors.resolveId(address.address())
                .orElseThrow(() -> ApiException.notFound(address.input() + " is not a known actor"));
        return rows.first("SELECT " + COLUMNS + " FROM creations FINAL WHERE actor_id = {a:UInt64}"
                                + " AND " + Canonical.among("SELECT height FROM creations WHERE actor_id = {a:UInt64}")
                                + " ORDER BY depth LIMIT 1", Map.of("a", id))
                .orElseThrow(() -> ApiException.notFound(address.input() + " is not a contract created in the indexed heights"));
    }

    private List<ObjectNode> render(List<ObjectNode> creations) {
        Map<Long, ActorRecord> known = actors.byIds(creations.stream()
                .flatMap(c -> Stream.of(Rows.optionalNumber(c, "actor_id"), Rows.optionalNumber(c, "from_id")))
                .filter(Objects::nonNull).toList());
        return creations.stream().map(c -> {
            ObjectNode out = ApiJson.object();
            long id = Rows.number(c, "actor_id");
            ActorForms created = new ActorForms(Address.id(id).toString(), Rows.optionalText(c, "robust"),
                    Rows.optionalText(c, "delegated"), Rows.optionalText(c, "eth"));
            ObjectNode actor = actors.render(id, null, known);
            actor.setAll(created.or(ActorForms.NONE).toJson(actors.network()));
            out.set("actor", actor);
            out.put("kind", kind(c));
            Rows.putText(out, "codeCid", c, "code_cid");
            Rows.putText(out, "actorType", c, "actor_type");
            out.set("deployer", actors.render(Rows.optionalNumber(c, "from_id"), null, known));
            Rows.putText(out, "creationMethod", c, "method");
            out.put("creationMessageCid", Rows.text(c, "message_cid"));
            out.put("creationHeight", Rows.number(c, "height"));
            out.put("verified", false);
            return out;
        }).toList();
    }

    /** evm for EVM actors, native for built-in actor types, wasm for user code the node does not name. */
    static String kind(ObjectNode creation) {
        String type = Rows.optionalText(creation, "actor_type");
        if ("evm".equalsIgnoreCase(type) || "EAM".equals(Rows.text(creation, "creator"))) {
            return "evm";
        }
        return type == null ? "wasm" : "native";
    }
}
