package api;

import codec.address.Network;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every known form of one actor, as API.md returns it: {@code {id, robust, delegated, eth}},
 * absent forms omitted. Stored forms are f-prefixed; {@link #toJson} prints them for a network.
 */
public record ActorForms(String id, String robust, String delegated, String eth) {
    public static final ActorForms NONE = new ActorForms(null, null, null, null);

    /** Fills the forms this one lacks from {@code other}. */
    public ActorForms or(ActorForms other) {
        return new ActorForms(pick(id, other.id), pick(robust, other.robust), pick(delegated, other.delegated), pick(eth, other.eth));
    }

    public ObjectNode toJson(Network network) {
        ObjectNode node = ApiJson.object();
        putForm(node, "id", id, network);
        putForm(node, "robust", robust, network);
        putForm(node, "delegated", delegated, network);
        if (eth != null) {
            node.put("eth", eth);
        }
        return node;
    }

    public static String print(String form, Network network) {
        if (form == null || form.isEmpty() || form.startsWith("0x")) {
            return form;
        }
        return network.prefix() + form.substring(1);
    }

    private static void putForm(ObjectNode node, String field, String form, Network network) {
        if (form != null && !form.isEmpty()) {
            node.put(field, print(form, network));
        }
    }

    private static String pick(String mine, String theirs) {
        return mine != null && !mine.isEmpty() ? mine : theirs;
    }
}
