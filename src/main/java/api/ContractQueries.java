package api;

import codec.address.Address;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Contracts: every actor created at any call depth (EAM Create/Create2/CreateExternal, Init
 * Exec/Exec4). Read from the listener's {@code contracts} (deployer forms, bytecode and its hash)
 * and, for creations the listener has not resolved (yet), from the pipeline's {@code creations},
 * where an actor created through the EAM appears twice and the shallowest creation names the deployer.
 */
public final class ContractQueries {
    private static final String CREATION_COLUMNS = "actor_id, robust, delegated, eth, code_cid, actor_type, creator,"
            + " method, from_id, message_cid, height AS created_at, depth";
    /** The listener's columns under the names the renderer reads. */
    private static final String CONTRACT_COLUMNS = "actor_id, robust, delegated, eth, code_cid, actor_type, kind,"
            + " deployer_id AS from_id, deployer_robust, deployer_delegated, deployer_eth,"
            + " creation_message_cid AS message_cid, creation_height AS created_at, creation_method AS method,"
            + " creation_depth AS depth, bytecode_hash";
    private static final String CONTRACTS_CANONICAL = " AND (creation_height, creation_tipset_key) IN (SELECT height,"
            + " tipset_key FROM tipsets FINAL WHERE height IN (SELECT creation_height FROM contracts WHERE ";
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
        return render(List.of(find(address))).get(0);
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
            after = " AND (created_at, actor_id) < ({ch:UInt64}, {ca:UInt64})";
        }
        List<ObjectNode> found = rows.query("SELECT " + CONTRACT_COLUMNS + " FROM contracts FINAL WHERE deployer_id = {o:UInt64}"
                + CONTRACTS_CANONICAL + "deployer_id = {o:UInt64}))" + after
                + " ORDER BY created_at DESC, actor_id DESC LIMIT {n:UInt32}", p);
        if (found.isEmpty()) {
            found = rows.query("SELECT " + CREATION_COLUMNS + " FROM creations FINAL WHERE from_id = {o:UInt64}"
                    + " AND " + Canonical.among("SELECT height FROM creations WHERE from_id = {o:UInt64}") + after
                    + " ORDER BY created_at DESC, actor_id DESC, depth LIMIT 1 BY actor_id LIMIT {n:UInt32}", p);
        }
        return Pages.ofAll(found, limit, this::render,
                last -> Cursor.encode(BY_OWNER, Rows.number(last, "created_at"), Rows.number(last, "actor_id")));
    }

    public ObjectNode messages(AddressInput address, Long method, boolean implicit, int limit, String cursor) {
        ObjectNode c = find(address);
        AddressInput byId = AddressInput.parse(Address.id(Rows.number(c, "actor_id")).toString());
        return messages.list(new MessageLists.Filter(null, null, byId, method, implicit, true), limit, cursor);
    }

    public ObjectNode bytecode(AddressInput address) {
        long id = find(address).path("actor_id").asLong();
        ObjectNode code = rows.first("SELECT bytecode, bytecode_hash, bytecode_source FROM contracts FINAL"
                        + " WHERE actor_id = {a:UInt64} AND bytecode != ''" + CONTRACTS_CANONICAL
                        + "actor_id = {a:UInt64}))", Map.of("a", id))
                .orElseThrow(() -> ApiException.notFound("no bytecode is recorded for contract "
                        + Address.id(id) + " (not an EVM contract, or not resolved by the contract listener yet)"));
        ObjectNode out = ApiJson.object();
        out.put("bytecode", Rows.text(code, "bytecode"));
        out.put("hash", Rows.text(code, "bytecode_hash"));
        Rows.putText(out, "source", code, "bytecode_source");
        return out;
    }

    private ObjectNode find(AddressInput address) {
        long id = actors.resolveId(address.address())
                .orElseThrow(() -> ApiException.notFound(address.input() + " is not a known actor"));
        Map<String, Object> p = Map.of("a", id);
        Optional<ObjectNode> resolved = rows.first("SELECT " + CONTRACT_COLUMNS + " FROM contracts FINAL"
                + " WHERE actor_id = {a:UInt64}" + CONTRACTS_CANONICAL + "actor_id = {a:UInt64})) LIMIT 1", p);
        return resolved.or(() -> rows.first("SELECT " + CREATION_COLUMNS + " FROM creations FINAL WHERE actor_id = {a:UInt64}"
                        + " AND " + Canonical.among("SELECT height FROM creations WHERE actor_id = {a:UInt64}")
                        + " ORDER BY depth LIMIT 1", p))
                .orElseThrow(() -> ApiException.notFound(address.input() + " is not a contract created in the indexed heights"));
    }

    private List<ObjectNode> render(List<ObjectNode> contracts) {
        Map<Long, ActorRecord> known = actors.byIds(contracts.stream()
                .flatMap(c -> Stream.of(Rows.optionalNumber(c, "actor_id"), Rows.optionalNumber(c, "from_id")))
                .filter(Objects::nonNull).toList());
        return contracts.stream().map(c -> {
            ObjectNode out = ApiJson.object();
            long id = Rows.number(c, "actor_id");
            ObjectNode actor = actors.render(id, null, known);
            actor.setAll(new ActorForms(Address.id(id).toString(), Rows.optionalText(c, "robust"),
                    Rows.optionalText(c, "delegated"), Rows.optionalText(c, "eth")).toJson(actors.network()));
            out.set("actor", actor);
            out.put("kind", kind(c));
            Rows.putText(out, "codeCid", c, "code_cid");
            Rows.putText(out, "actorType", c, "actor_type");
            ObjectNode deployer = actors.render(Rows.optionalNumber(c, "from_id"), null, known);
            deployer.setAll(new ActorForms(null, Rows.optionalText(c, "deployer_robust"),
                    Rows.optionalText(c, "deployer_delegated"), Rows.optionalText(c, "deployer_eth")).toJson(actors.network()));
            out.set("deployer", deployer);
            Rows.putText(out, "creationMethod", c, "method");
            out.put("creationMessageCid", Rows.text(c, "message_cid"));
            out.put("creationHeight", Rows.number(c, "created_at"));
            Rows.putText(out, "bytecodeHash", c, "bytecode_hash");
            out.put("verified", false);
            return out;
        }).toList();
    }

    /** The listener's kind; for a creation: evm for EVM actors, native for built-in types, wasm for unnamed code. */
    static String kind(ObjectNode row) {
        String stored = Rows.optionalText(row, "kind");
        if (stored != null) {
            return stored;
        }
        String type = Rows.optionalText(row, "actor_type");
        if ("evm".equalsIgnoreCase(type) || "EAM".equals(Rows.text(row, "creator"))) {
            return "evm";
        }
        return type == null ? "wasm" : "native";
    }
}
