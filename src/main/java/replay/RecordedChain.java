package replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recorded chain of one network directory: one tipset per recorded height, null-round
 * semantics between recordings, StateCompute/StateReplay from the traces, and the parent
 * messages and receipts of a child of each recorded tipset derived from the traces.
 *
 * <p>Children of recorded tipsets are not recorded. A child is addressed by
 * {@link #childCid(List)}: a CIDv1 (dag-cbor, BLAKE2b-256) over the parent tipset key, which a
 * client computes with {@code ReplayNode.childBlockCid} or asks for with {@code Replay.ChildBlock}.
 * A recorded block whose Parents are a recorded tipset is served the same way.
 */
final class RecordedChain implements ServedChain {
    private final FixtureDirectory dir;
    private final char prefix;
    private final ObjectMapper mapper;
    private final NavigableMap<Long, RecordedTipSet> tipsets = new TreeMap<>();
    private final Map<String, RecordedTipSet> tipsetOfBlock = new HashMap<>();
    private final Map<String, RecordedTipSet> parentOfBlock = new HashMap<>();
    private final Map<Long, TraceFile> traces = new ConcurrentHashMap<>();
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

    RecordedChain(FixtureDirectory dir, char prefix, ObjectMapper mapper) {
        this.dir = dir;
        this.prefix = prefix;
        this.mapper = mapper;
        for (long h : dir.heights(FixtureDirectory.Kind.TIPSET).keySet()) {
            RecordedTipSet ts = new RecordedTipSet(load(FixtureDirectory.Kind.TIPSET, h), mapper);
            tipsets.put(ts.height(), ts);
            ts.cids().forEach(c -> tipsetOfBlock.put(c, ts));
        }
        Map<List<String>, RecordedTipSet> byKey = new HashMap<>();
        tipsets.values().forEach(ts -> byKey.put(ts.cids(), ts));
        for (RecordedTipSet ts : tipsets.values()) {
            parentOfBlock.put(childCid(ts.cids()), ts);
            RecordedTipSet parent = byKey.get(ts.parents());
            if (parent != null) {
                ts.cids().forEach(c -> parentOfBlock.put(c, parent));
            }
        }
    }

    /** The CID by which the replay node addresses the (unrecorded) child block of a tipset. */
    static String childCid(List<String> parentKey) {
        byte[] seed = ("filflow-replay-child:" + String.join(",", parentKey)).getBytes(StandardCharsets.UTF_8);
        return codec.cid.Cid.of(codec.cid.Cid.DAG_CBOR, seed).toString();
    }

    /** Decompressed recorded file with the configured address prefix. */
    byte[] load(FixtureDirectory.Kind kind, long height) {
        return AddressPrefix.rewrite(dir.read(kind, height), prefix);
    }

    FixtureDirectory directory() {
        return dir;
    }

    NavigableMap<Long, RecordedTipSet> tipsets() {
        return tipsets;
    }

    /** The traces of a recorded height, or null when none were recorded. */
    TraceFile traces(long height) {
        if (!dir.has(FixtureDirectory.Kind.TRACES, height)) {
            return null;
        }
        return traces.computeIfAbsent(height, h -> new TraceFile(load(FixtureDirectory.Kind.TRACES, h), mapper));
    }

    RecordedTipSet resolve(List<String> key) {
        if (key.isEmpty()) {
            return tipsets.lastEntry().getValue();
        }
        RecordedTipSet ts = tipsetOfBlock.get(key.get(0));
        if (ts == null || !Set.copyOf(ts.cids()).equals(Set.copyOf(key))) {
            String missing = key.stream().filter(c -> !tipsetOfBlock.containsKey(c)).findFirst().orElse(key.get(0));
            throw LotusErrors.tipSetNotFound(key, missing);
        }
        return ts;
    }

    @Override
    public RpcBody head() {
        return RpcBody.of(tipsets.lastEntry().getValue().bytes());
    }

    @Override
    public RpcBody tipSetByHeight(long height, List<String> start) {
        RecordedTipSet from = resolve(start);
        if (height > from.height()) {
            throw LotusErrors.aboveStart();
        }
        Map.Entry<Long, RecordedTipSet> e = tipsets.floorEntry(height);
        if (e == null) {
            throw LotusErrors.notRecorded("the tipset at or below height " + height);
        }
        return RpcBody.of(e.getValue().bytes());
    }

    @Override
    public RpcBody tipSet(List<String> key) {
        if (key.isEmpty()) {
            throw RpcException.method("tipset key is empty");
        }
        return RpcBody.of(resolve(key).bytes());
    }

    @Override
    public RpcBody block(String cid) {
        RecordedTipSet ts = tipsetOfBlock.get(cid);
        if (ts == null) {
            throw LotusErrors.blockNotFound(cid);
        }
        return RpcBody.of(answers.computeIfAbsent("block:" + cid, k -> json(ts.blocks().get(cid))));
    }

    @Override
    public RpcBody blockMessages(String blockCid) {
        RecordedTipSet ts = tipsetOfBlock.get(blockCid);
        if (ts == null) {
            throw LotusErrors.blockNotFound(blockCid);
        }
        TraceFile tf = traces(ts.height()); // null: the answer holds no bodies, and the log says so
        return RpcBody.of(answers.computeIfAbsent("bm:" + blockCid, k -> BlockMessagesJson.build(ts, blockCid, tf, null)));
    }

    @Override
    public RpcBody parentMessages(String blockCid) {
        RecordedTipSet parent = parentOf(blockCid);
        TraceFile tf = tracesOrFail(parent);
        return RpcBody.of(answers.computeIfAbsent("pm:" + parent.height(), k -> ParentJson.messages(tf)));
    }

    @Override
    public RpcBody parentReceipts(String blockCid) {
        RecordedTipSet parent = parentOf(blockCid);
        TraceFile tf = tracesOrFail(parent);
        return RpcBody.of(answers.computeIfAbsent("pr:" + parent.height(), k -> ParentJson.receipts(tf)));
    }

    @Override
    public RpcBody stateCompute(long height, List<String> key) {
        RecordedTipSet ts = key.isEmpty() ? exact(height) : resolve(key);
        return RpcBody.of(tracesOrFail(ts).bytes());
    }

    @Override
    public RpcBody stateReplay(List<String> key, String msgCid) {
        List<RecordedTipSet> where = key.isEmpty() ? new ArrayList<>(tipsets.descendingMap().values()) : List.of(resolve(key));
        for (RecordedTipSet ts : where) {
            TraceFile tf = traces(ts.height());
            if (tf == null) {
                continue;
            }
            for (TraceFile.Entry e : tf.entries()) {
                if (msgCid.equals(e.msgCid())) {
                    return RpcBody.of(tf.bytes(), e.whole().start(), e.whole().length());
                }
            }
        }
        throw RpcException.method("replay: message " + msgCid + " not found in the recorded traces");
    }

    @Override
    public String childBlock(List<String> key) {
        return childCid(resolve(key).cids());
    }

    @Override
    public long heightOf(List<String> key) {
        return resolve(key).height();
    }

    private RecordedTipSet exact(long height) {
        RecordedTipSet ts = tipsets.get(height);
        if (ts == null) {
            throw LotusErrors.notRecorded("the tipset at height " + height);
        }
        return ts;
    }

    private RecordedTipSet parentOf(String blockCid) {
        RecordedTipSet parent = parentOfBlock.get(blockCid);
        if (parent == null) {
            throw LotusErrors.blockNotFound(blockCid);
        }
        return parent;
    }

    private TraceFile tracesOrFail(RecordedTipSet ts) {
        TraceFile tf = traces(ts.height());
        if (tf == null) {
            throw LotusErrors.notRecorded("the execution of the tipset at height " + ts.height());
        }
        return tf;
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Concatenates JSON fragments; used to assemble answers from slices of recordings. */
    static final class Json extends ByteArrayOutputStream {
        Json(int size) {
            super(size);
        }

        Json raw(String text) {
            writeBytes(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Json slice(byte[] src, TraceFile.Span span) {
            write(src, span.start(), span.length());
            return this;
        }
    }
}
