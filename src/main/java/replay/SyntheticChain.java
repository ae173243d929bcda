package replay;

import codec.address.Address;
import codec.cid.Cid;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chain of consecutive heights built by cycling the recorded tipsets (with traces) of one
 * network: height {@code h} replays recording {@code (h - from) mod n} with its height,
 * timestamp and parent links rewritten, and every block, message and state-root CID replaced by
 * a deterministic CIDv1 (dag-cbor, BLAKE2b-256) over a seed naming height, branch and original.
 * So every height is distinct, stable across calls, and consistent between ChainGetBlockMessages,
 * StateCompute and the child's ChainGetParentMessages.
 *
 * <p>Branches: a reorg gives the last n tipsets a new branch number (new CIDs); a tipset's parent
 * is the parent height's newest branch not newer than its own. The head can grow.
 */
final class SyntheticChain implements ServedChain {
    private static final long BLOCK_SECONDS = 30;

    private record Ref(long height, int branch) {
    }

    private record BlockRef(Ref tipset, int index) {
    }

    /** What a synthetic height's events are rewritten with: its recording, CIDs and replacements. */
    record EventContext(long height, int branch, long recordedHeight, List<String> cids, String ethBlockHash,
                        Map<String, byte[]> replacements) {
    }

    /** One built tipset: its Lotus JSON, block CIDs and the replacements of its base's CIDs. */
    private record Tip(Ref ref, SyntheticBase base, List<String> cids, ObjectNode json, byte[] bytes,
                       Map<String, byte[]> replacements, byte[][] computeWith) {
    }

    private final SyntheticOptions options;
    private final ObjectMapper mapper;
    private final List<SyntheticBase> bases;
    private final AtomicLong headLimit;
    private final AtomicInteger reorgs = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final Map<Long, List<Integer>> branches = new ConcurrentHashMap<>();
    private final Map<String, BlockRef> blocks = new ConcurrentHashMap<>();
    private final Map<String, Ref> ethBlocks = new ConcurrentHashMap<>();
    private final Cache<Ref, Tip> tips = Caffeine.newBuilder().maximumSize(2048).build();

    SyntheticChain(RecordedChain recorded, SyntheticOptions options, ObjectMapper mapper) {
        this.options = options;
        this.mapper = mapper;
        // Indexing 15 MB traces is the slow part of starting: one base per core.
        this.bases = recorded.tipsets().values().parallelStream()
                .filter(ts -> recorded.directory().has(FixtureDirectory.Kind.TRACES, ts.height()))
                .map(ts -> new SyntheticBase(ts, recorded.traces(ts.height()), options.forkedAddresses(),
                        options.replacedMessages()))
                .sorted(java.util.Comparator.comparingLong(b -> b.tipset().height()))
                .toList();
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("a synthetic chain needs recorded tipsets with traces in "
                    + recorded.directory().dir());
        }
        this.headLimit = new AtomicLong(options.fromHeight() + options.length() - 1);
    }

    // ---- test controls

    /** Counts a request; the planned reorg fires at the configured count. */
    void onRequest() {
        long n = requests.incrementAndGet();
        if (options.reorgAfterRequests() > 0 && n == options.reorgAfterRequests()) {
            reorg(options.reorgDepth());
        }
    }

    /** Moves the last {@code depth} tipsets up to the head onto a new branch; returns the new branch number. */
    synchronized int reorg(int depth) {
        int id = reorgs.incrementAndGet();
        long h = headHeight();
        for (int n = 0; n < depth && h >= options.fromHeight(); h--) {
            if (!options.isNull(h)) {
                branches.computeIfAbsent(h, k -> new CopyOnWriteArrayList<>()).add(id);
                n++;
            }
        }
        return id;
    }

    /** Grows the head by {@code n} heights, on the current branch. */
    synchronized void advance(long n) {
        for (long i = 0; i < n; i++) {
            long h = headLimit.incrementAndGet();
            int current = reorgs.get();
            if (current > 0) {
                branches.put(h, new CopyOnWriteArrayList<>(List.of(current)));
            }
        }
    }

    void registerAdmin(RpcMethods t) {
        t.add("Replay.Reorg", p -> {
            int depth = p.atMost(1).integer(0);
            if (depth < 1) {
                throw RpcException.invalidParams("reorg depth must be at least 1");
            }
            reorg(depth);
            return head();
        });
        t.add("Replay.AdvanceHead", p -> {
            int n = p.atMost(1).get(0).isNull() ? 1 : p.integer(0);
            if (n < 0) {
                throw RpcException.invalidParams("cannot move the head back");
            }
            advance(n);
            return head();
        });
    }

    // ---- ServedChain

    @Override
    public RpcBody head() {
        long h = headHeight();
        return RpcBody.of(tip(new Ref(h, currentBranch(h))).bytes());
    }

    @Override
    public RpcBody tipSetByHeight(long height, List<String> start) {
        Ref from = start.isEmpty() ? new Ref(headHeight(), currentBranch(headHeight())) : resolve(start).ref();
        if (height > from.height()) {
            throw LotusErrors.aboveStart();
        }
        long h = height;
        while (h >= options.fromHeight() && options.isNull(h)) {
            h--;
        }
        if (h < options.fromHeight()) {
            throw LotusErrors.notRecorded("the tipset at or below height " + height + " (the synthetic chain starts at "
                    + options.fromHeight() + ")");
        }
        int branch = start.isEmpty() ? currentBranch(h) : branchAt(h, from.branch());
        return RpcBody.of(tip(new Ref(h, branch)).bytes());
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
        BlockRef b = blockRef(cid);
        return RpcBody.of(json(tip(b.tipset()).json().path("Blocks").get(b.index())));
    }

    @Override
    public RpcBody blockMessages(String blockCid) {
        BlockRef b = blockRef(blockCid);
        Tip t = tip(b.tipset());
        CidTemplate template = t.base().blockMessages(b.index());
        return template.body(with(t, template));
    }

    @Override
    public RpcBody parentMessages(String blockCid) {
        Tip parent = parentOf(blockRef(blockCid).tipset());
        CidTemplate template = parent.base().parentMessages();
        return template.body(with(parent, template));
    }

    @Override
    public RpcBody parentReceipts(String blockCid) {
        Tip parent = parentOf(blockRef(blockCid).tipset());
        return RpcBody.of(parent.base().parentReceipts());
    }

    @Override
    public RpcBody stateCompute(long height, List<String> key) {
        Tip t;
        if (key.isEmpty()) {
            if (height > headHeight() || height < options.fromHeight() || options.isNull(height)) {
                throw LotusErrors.notRecorded("a tipset at height " + height);
            }
            t = tip(new Ref(height, currentBranch(height)));
        } else {
            t = resolve(key);
        }
        return t.base().compute().body(t.computeWith());
    }

    @Override
    public RpcBody stateReplay(List<String> key, String msgCid) {
        Tip t = key.isEmpty() ? tip(new Ref(headHeight(), currentBranch(headHeight()))) : resolve(key);
        for (TraceFile.Entry e : t.base().traces().entries()) {
            byte[] r = t.replacements().get(e.msgCid());
            if (r != null && msgCid.equals(new String(r, StandardCharsets.US_ASCII))) {
                return t.base().compute().body(t.computeWith(), e.whole().start(), e.whole().end());
            }
        }
        throw RpcException.method("replay: message " + msgCid + " not found in tipset at height " + t.ref().height());
    }

    @Override
    public String childBlock(List<String> key) {
        Ref ref = key.isEmpty() ? new Ref(headHeight(), currentBranch(headHeight())) : resolve(key).ref();
        long c = ref.height() + 1;
        while (options.isNull(c)) {
            c++;
        }
        if (c > headHeight()) {
            throw LotusErrors.notRecorded("a child of the tipset at height " + ref.height() + " (it is the head)");
        }
        return tip(new Ref(c, currentBranch(c))).cids().get(0);
    }

    @Override
    public long heightOf(List<String> key) {
        return key.isEmpty() ? headHeight() : resolve(key).ref().height();
    }

    @Override
    public long recordingOf(List<String> key) {
        return key.isEmpty() ? baseOf(headHeight()).tipset().height() : resolve(key).base().tipset().height();
    }

    // ---- events

    /** The non-null heights of {@code [from, to]} on the current chain, with their event contexts. */
    List<EventContext> eventContexts(long from, long to) {
        List<EventContext> out = new ArrayList<>();
        long last = Math.min(to, headHeight());
        for (long h = Math.max(from, options.fromHeight()); h <= last; h++) {
            if (!options.isNull(h)) {
                out.add(context(tip(new Ref(h, currentBranch(h)))));
            }
        }
        return out;
    }

    EventContext eventContext(List<String> key) {
        return context(resolve(key));
    }

    /** The tipset whose Ethereum block hash this is, if this node handed it out. */
    EventContext eventContextOfEthBlock(String hash) {
        Ref ref = ethBlocks.get(hash.toLowerCase(java.util.Locale.ROOT));
        return ref == null ? null : context(tip(ref));
    }

    private EventContext context(Tip t) {
        return new EventContext(t.ref().height(), t.ref().branch(), t.base().tipset().height(), t.cids(), ethBlockHash(t.ref()),
                t.replacements());
    }

    private String ethBlockHash(Ref ref) {
        byte[] seed = ("filflow-synthetic:ethblock:" + ref.height() + ":" + ref.branch()).getBytes(StandardCharsets.UTF_8);
        String hash = "0x" + java.util.HexFormat.of().formatHex(codec.Blake2b.hash(seed, 32));
        ethBlocks.putIfAbsent(hash, ref);
        return hash;
    }

    // ---- building

    long headHeight() {
        long h = headLimit.get();
        while (options.isNull(h)) {
            h--;
        }
        return h;
    }

    private int currentBranch(long h) {
        List<Integer> b = branches.get(h);
        return b == null || b.isEmpty() ? 0 : b.get(b.size() - 1);
    }

    /** The newest branch of height {@code h} that is not newer than {@code max}. */
    private int branchAt(long h, int max) {
        List<Integer> b = branches.get(h);
        int best = 0;
        if (b != null) {
            for (int id : b) {
                if (id <= max) {
                    best = id;
                }
            }
        }
        return best;
    }

    private SyntheticBase baseOf(long h) {
        return bases.get((int) Math.floorMod(h - options.fromHeight(), (long) bases.size()));
    }

    private Tip resolve(List<String> key) {
        BlockRef b = blocks.get(key.get(0));
        if (b == null) {
            throw LotusErrors.tipSetNotFound(key, key.get(0));
        }
        Tip t = tip(b.tipset());
        if (!Set.copyOf(t.cids()).equals(Set.copyOf(key))) {
            String missing = key.stream().filter(c -> !t.cids().contains(c)).findFirst().orElse(key.get(0));
            throw LotusErrors.tipSetNotFound(key, missing);
        }
        return t;
    }

    private BlockRef blockRef(String cid) {
        BlockRef b = blocks.get(cid);
        if (b == null) {
            throw LotusErrors.blockNotFound(cid);
        }
        return b;
    }

    private Tip parentOf(Ref child) {
        long p = parentHeight(child.height());
        if (p < options.fromHeight()) {
            throw LotusErrors.notRecorded("the parent of the first synthetic tipset");
        }
        return tip(new Ref(p, branchAt(p, child.branch())));
    }

    private long parentHeight(long h) {
        long p = h - 1;
        while (p >= options.fromHeight() && options.isNull(p)) {
            p--;
        }
        return p;
    }

    private Tip tip(Ref ref) {
        return tips.get(ref, this::build);
    }

    private List<String> cidsOf(Ref ref, int blockCount) {
        List<String> cids = new ArrayList<>(blockCount);
        for (int i = 0; i < blockCount; i++) {
            String cid = seedCid("block", ref.height(), ref.branch(), Integer.toString(i));
            cids.add(cid);
            blocks.putIfAbsent(cid, new BlockRef(ref, i));
        }
        return cids;
    }

    private Tip build(Ref ref) {
        SyntheticBase base = baseOf(ref.height());
        RecordedTipSet recorded = base.tipset();
        Map<String, byte[]> replacements = new HashMap<>();
        for (String original : base.rewritten()) {
            replacements.put(original, options.forkedAddresses().contains(original) ? addressOn(original, ref)
                    : replace(original, "msg", ref));
        }
        long p = parentHeight(ref.height());
        Ref parent = new Ref(p, p < options.fromHeight() ? 0 : branchAt(p, ref.branch()));
        List<String> parentCids = p < options.fromHeight() ? List.of(seedCid("block", p, 0, "before-start"))
                : cidsOf(parent, baseOf(p).tipset().cids().size());
        String parentRoot = p < options.fromHeight() ? seedCid("state", p, 0, "genesis")
                : new String(replace(baseOf(p).traces().root(), "msg", parent), StandardCharsets.US_ASCII);
        List<String> cids = cidsOf(ref, recorded.cids().size());

        ObjectNode json = recorded.json().deepCopy();
        ArrayNode cidArray = json.putArray("Cids");
        cids.forEach(c -> cidArray.addObject().put("/", c));
        json.put("Height", ref.height());
        int i = 0;
        for (var b : json.withArray("Blocks")) {
            ObjectNode block = (ObjectNode) b;
            ArrayNode parents = block.putArray("Parents");
            parentCids.forEach(c -> parents.addObject().put("/", c));
            block.put("Height", ref.height());
            block.put("Timestamp", block.path("Timestamp").asLong() + (ref.height() - recorded.height()) * BLOCK_SECONDS);
            block.putObject("ParentStateRoot").put("/", parentRoot);
            block.putObject("ParentMessageReceipts").put("/", seedCid("receipts", ref.height(), ref.branch(), "" + i));
            block.putObject("Messages").put("/", seedCid("messages", ref.height(), ref.branch(), "" + i));
            i++;
        }
        return new Tip(ref, base, List.copyOf(cids), json, json(json), replacements, with(replacements, base.compute()));
    }

    private static byte[][] with(Tip t, CidTemplate template) {
        return with(t.replacements(), template);
    }

    private static byte[][] with(Map<String, byte[]> replacements, CidTemplate template) {
        List<String> originals = template.originals();
        byte[][] with = new byte[originals.size()][];
        for (int i = 0; i < with.length; i++) {
            with[i] = replacements.get(originals.get(i));
        }
        return with;
    }

    /** A same-format CID for {@code original} at this height and branch (the original if the format differs). */
    private static byte[] replace(String original, String kind, Ref ref) {
        Cid o = Cid.parse(original);
        byte[] seed = ("filflow-synthetic:" + kind + ":" + ref.height() + ":" + ref.branch() + ":" + original)
                .getBytes(StandardCharsets.UTF_8);
        String r = Cid.v1(o.codec(), Cid.BLAKE2B_256, codec.Blake2b.hash(seed, 32)).toString();
        return (r.length() == original.length() ? r : original).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A forked address as the branch prints it: on the first reorg's branch another valid address
     * of the same kind and length (seeded by the original), elsewhere the original.
     */
    private static byte[] addressOn(String original, Ref ref) {
        if (ref.branch() != 1) {
            return original.getBytes(StandardCharsets.US_ASCII);
        }
        Address a = Address.parse(original);
        byte[] seed = codec.Blake2b.hash(("filflow-synthetic:fork:" + original).getBytes(StandardCharsets.UTF_8), 48);
        Address other = switch (a.protocol()) {
            case Address.SECP256K1 -> Address.secp256k1(seed);
            case Address.ACTOR -> Address.actor(seed);
            case Address.BLS -> Address.bls(seed);
            default -> throw new IllegalArgumentException("only robust addresses can be forked: " + original);
        };
        String text = original.charAt(0) + other.toString().substring(1);
        if (text.length() != original.length()) {
            throw new IllegalStateException("a forked address must keep its length: " + original);
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String seedCid(String kind, long height, int branch, String part) {
        byte[] seed = ("filflow-synthetic:" + kind + ":" + height + ":" + branch + ":" + part).getBytes(StandardCharsets.UTF_8);
        return Cid.of(Cid.DAG_CBOR, seed).toString();
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
