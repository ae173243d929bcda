package replay;

import java.util.List;

/**
 * The chain a replay node serves, recorded or synthetic. Tipset keys are lists of block CID
 * strings; an empty key means the head, as in Lotus. Every answer is the JSON text of a result.
 */
interface ServedChain {
    RpcBody head();

    /** Lotus ChainGetTipSetByHeight: a null round answers with the nearest tipset below. */
    RpcBody tipSetByHeight(long height, List<String> start);

    RpcBody tipSet(List<String> key);

    RpcBody block(String cid);

    RpcBody blockMessages(String blockCid);

    /** Messages of the block's parent tipset, in execution order, from the parent's traces. */
    RpcBody parentMessages(String blockCid);

    RpcBody parentReceipts(String blockCid);

    RpcBody stateCompute(long height, List<String> key);

    RpcBody stateReplay(List<String> key, String msgCid);

    /** The CID under which this node serves parent messages/receipts of the tipset {@code key}. */
    String childBlock(List<String> key);

    /** Height of the tipset with this key (the head for an empty key). */
    long heightOf(List<String> key);

    /** The recorded height whose trace the tipset with this key replays (a synthetic height replays a recording). */
    default long recordingOf(List<String> key) {
        return heightOf(key);
    }
}
