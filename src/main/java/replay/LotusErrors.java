package replay;

import java.util.List;

/** The error texts a Lotus node answers with, and the replay node's own for what was not recorded. */
final class LotusErrors {
    private LotusErrors() {
    }

    static RpcException blockNotFound(String cid) {
        return RpcException.method("ipld: could not find " + cid);
    }

    static RpcException tipSetNotFound(List<String> key, String missing) {
        return RpcException.method("loading tipset " + printKey(key) + ": get block " + missing + ": ipld: could not find "
                + missing);
    }

    static RpcException aboveStart() {
        return RpcException.method("looking for tipset with height greater than start point");
    }

    static RpcException notRecorded(String what) {
        return RpcException.method("replay node: " + what + " was not recorded");
    }

    /**
     * Events of heights the recording has none for: answered as a node answers for events it does
     * not keep ("not found"), so a client can tell them from a failure of the node.
     */
    static RpcException eventsNotRecorded(String what) {
        return RpcException.method("replay node: " + what + " not found (not recorded)");
    }

    static RpcException actorNotFound() {
        return new RpcException(RpcException.ACTOR_NOT_FOUND, "actor not found");
    }

    static String printKey(List<String> key) {
        return "{" + String.join(",", key) + "}";
    }
}
