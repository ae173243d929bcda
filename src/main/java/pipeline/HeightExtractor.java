package pipeline;

import archive.ArchiveStore;
import codec.cid.Cid;
import codec.cid.TipSetKeyCid;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import lotus.ActorEvent;
import lotus.ActorEventFilter;
import lotus.BlockHeader;
import lotus.EthFilter;
import lotus.EthLog;
import lotus.LotusClient;
import lotus.LotusLookbackLimitException;
import lotus.LotusMethodNotAvailableException;
import lotus.LotusNotFoundException;
import lotus.MessageReceipt;
import lotus.ParentMessage;
import lotus.TipSet;
import lotus.TipSetKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import storage.rows.BlockMessageRow;
import storage.rows.BlockRow;
import storage.rows.CidLookupRow;
import storage.rows.EventRow;
import storage.rows.Row;
import storage.rows.TipsetRow;
import storage.rows.UnexecutedMessageRow;
import trace.GasChargeSummarizer;
import trace.TraceReader;

/**
 * Extracts one height completely into {@link HeightRows}, without writing anything: tipset and
 * blocks (null rounds recognised), block inclusions, events and EVM logs, and the executed messages
 * streamed out of {@code StateCompute} one at a time, or, where the node offers no StateCompute,
 * from the child tipset's parent messages and receipts (degraded mode).
 */
public final class HeightExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(HeightExtractor.class);
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    /** How far above a height to look for its child when the heights above are null rounds. */
    private static final int MAX_CHILD_DISTANCE = 900;

    private final LotusClient lotus;
    private final TraceReader traces = new TraceReader();
    private final ActorCache book;
    private final CallDecoding decoding;
    private final Supplier<String> network;
    private final ArchiveStore archive;
    private final ArchiveCompression archiveCompression;
    private final Clock versions;
    private final NodeCapability stateCompute;
    private final NodeCapability nativeEvents;
    private final NodeCapability ethLogs;
    private final BalanceSnapshots snapshots;

    public HeightExtractor(LotusClient lotus, ActorCache book, codec.actors.CallDecoder decoder,
            Supplier<String> network, ArchiveStore archive) {
        this(lotus, book, decoder, network, archive, Duration.ofMinutes(1), Clock.systemUTC());
    }

    /**
     * {@code recheck}: how long a method the node refused is not asked again (degraded mode
     * meanwhile); {@code versions}: the clock of the attempts' {@code indexed_at} (ClickHouse's in
     * production, so that hosts with different clocks agree which attempt is the latest);
     * {@code archive}: where each height's archive file is streamed, or null for none.
     */
    public HeightExtractor(LotusClient lotus, ActorCache book, codec.actors.CallDecoder decoder,
            Supplier<String> network, ArchiveStore archive, Duration recheck, Clock versions) {
        this(lotus, book, decoder, network, archive, ArchiveCompression.DEFLATE_FASTEST, recheck, versions);
    }

    /** {@code archiveCompression}: how the archive file's entries are compressed. */
    HeightExtractor(LotusClient lotus, ActorCache book, codec.actors.CallDecoder decoder, Supplier<String> network,
            ArchiveStore archive, ArchiveCompression archiveCompression, Duration recheck, Clock versions) {
        this.versions = versions;
        this.stateCompute = new NodeCapability("StateCompute",
                "indexing in degraded mode, sub-calls and implicit messages unavailable", recheck);
        this.nativeEvents = new NodeCapability("GetActorEventsRaw", "events come from EthGetLogs only", recheck);
        this.ethLogs = new NodeCapability("EthGetLogs", "EVM logs come from GetActorEventsRaw only", recheck);
        this.lotus = lotus;
        this.book = book;
        this.decoding = new CallDecoding(decoder, book);
        this.network = network;
        this.archive = archive;
        this.archiveCompression = archiveCompression;
        this.snapshots = new BalanceSnapshots(lotus);
    }

    /** The network's short name, as the {@code new_contract} records carry it. */
    Supplier<String> network() {
        return network;
    }

    /** False while the node's last answer to StateCompute was a refusal: heights are then indexed in degraded mode. */
    public boolean stateComputeAvailable() {
        return stateCompute.available();
    }

    /** Extracts a height holding all its rows (benchmarks, tests); the pipeline bounds them. */
    public HeightRows extract(long height) {
        return extract(height, RowBuffer.unbounded());
    }

    /**
     * Extracts a height into {@code rows}, which holds a bounded number and spills the rest; the
     * archive file is streamed to the store and in place when this returns.
     */
    HeightRows extract(long height, RowBuffer rows) {
        String indexedAt = VERSION_TIME.format(versions.instant());
        TipSet ts = lotus.chainGetTipSetByHeight(height, TipSetKey.EMPTY);
        if (ts.height() < height || ts.blocks().isEmpty()) {
            return nullRound(height, ts, indexedAt);
        }
        book.indexing(ts);
        ArchiveLayout files = new ArchiveLayout(height, archive, archiveCompression);
        try {
            HeightRows extracted = extract(height, ts, indexedAt, rows, files);
            files.finish();
            return extracted;
        } finally {
            files.abort();
        }
    }

    private HeightRows extract(long height, TipSet ts, String indexedAt, RowBuffer rows, ArchiveLayout files) {
        List<String> cids = ts.cids().stream().map(Cid::toString).toList();
        String key = String.join(",", cids);
        Map<String, List<String>> inclusions = blocks(ts, key, indexedAt, rows);
        // the tipset by its key CID (Rosetta's block hash)
        rows.add(new CidLookupRow(TipSetKeyCid.of(cids), "tipset", height, key, "", indexedAt));
        HeightContext ctx = new HeightContext(height, ts.key(), key, cids, ts.timestamp(), indexedAt, network.get(),
                inclusions, ts.blocks().get(0).parentBaseFee());
        Map<String, List<EventRow>> events = EventRows.build(ctx, nativeEvents(height, ts.key()), ethLogs(ts),
                this::messageOfLog, book);
        ActorSightings actors = new ActorSightings(book, ctx);
        MessageExtraction messages = new MessageExtraction(ctx, decoding, book, actors, events, files, rows);
        IndexMode mode = stateCompute.worthAsking() ? computeFull(ts, messages) : IndexMode.DEGRADED;
        if (mode == IndexMode.DEGRADED) {
            computeDegraded(ts, messages);
        }
        int unexecuted = unexecuted(ts, ctx, messages.executed, rows);
        rows.addAll(messages.balances.rows(height, key, indexedAt));
        if (messages.balances.unresolved() > 0) {
            LOG.info("height {}: {} movements of actors the trace names without an ID (net {} attoFIL) have no balance"
                    + " rows; those actors' histories start at their first snapshot", height,
                    messages.balances.unresolved(), messages.balances.unresolvedNet());
        }
        rows.addAll(snapshots.take(messages.balances.actors(), height, ts.key(), key, indexedAt));
        int eventCount = 0;
        for (Map.Entry<String, List<EventRow>> e : events.entrySet()) {
            eventCount += e.getValue().size();
            if (!messages.executed.contains(e.getKey())) {
                rows.addAll(e.getValue()); // events of messages the node did not execute for us
            }
        }
        rows.addAll(actors.rows());
        if (unexecuted > 0) {
            LOG.info("height {}: {} messages included in its blocks were not executed (a nonce another block's"
                    + " message had taken); indexed without receipt", height, unexecuted);
        }
        HeightResult.Counts counts = new HeightResult.Counts(ts.blocks().size(), messages.messages,
                messages.implicitMessages, messages.subcalls, messages.failed, eventCount, messages.creations);
        TipsetRow tipset = new TipsetRow(height, key, cids, 0, joined(ts.parentKey()), ts.timestamp(),
                ts.blocks().get(0).parentBaseFee(), counts.blocks(), counts.messages(), counts.implicitMessages(),
                counts.subcalls(), counts.failedMessages(), counts.events(), counts.creations(), mode.label(),
                messages.balances.unresolvedNet(), indexedAt);
        return new HeightRows(height, tipset, mode, counts, rows.rows(), messages.newContracts);
    }

    private HeightRows nullRound(long height, TipSet below, String indexedAt) {
        TipsetRow tipset = new TipsetRow(height, "", List.of(), 1, joined(below.key()), 0,
                java.math.BigInteger.ZERO, 0, 0, 0, 0, 0, 0, 0, IndexMode.FULL.label(), java.math.BigInteger.ZERO,
                indexedAt);
        return new HeightRows(height, tipset, IndexMode.FULL, HeightResult.Counts.NONE, List.of(), List.of());
    }

    /** Block rows and inclusions (message CID → including blocks, in tipset order). */
    private Map<String, List<String>> blocks(TipSet ts, String key, String indexedAt, RowBuffer rows) {
        Map<String, List<String>> inclusions = new LinkedHashMap<>();
        for (BlockHeader b : ts.blocks()) {
            String blockCid = b.cid().toString();
            List<String> messageCids = lotus.chainGetBlockMessages(b.cid()).cids().stream().map(Cid::toString)
                    .toList();
            for (int i = 0; i < messageCids.size(); i++) {
                String m = messageCids.get(i);
                inclusions.computeIfAbsent(m, k -> new ArrayList<>()).add(blockCid);
                rows.add(new BlockMessageRow(ts.height(), key, blockCid, m, i, indexedAt));
            }
            rows.add(new BlockRow(ts.height(), key, blockCid, Addresses.canonical(b.miner()),
                    b.parents().stream().map(Cid::toString).toList(), b.parentWeight(),
                    str(b.parentStateRoot()), str(b.parentMessageReceipts()), str(b.messages()), b.timestamp(),
                    b.winCount(), b.parentBaseFee(), messageCids.size(), messageCids, indexedAt));
            rows.add(new CidLookupRow(blockCid, "block", ts.height(), key, "", indexedAt));
        }
        return inclusions;
    }

    /**
     * The messages the blocks include but the tipset did not execute (Lotus skips a message whose
     * nonce the sender already used in an earlier block of the tipset): a row each with the body
     * the block carries, asked again only of the blocks that include one (rare), and a CID lookup
     * so the API finds it. A message included by several blocks and executed once is executed.
     */
    private int unexecuted(TipSet ts, HeightContext ctx, Set<String> executed, RowBuffer rows) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        ctx.inclusions().forEach((cid, blocks) -> {
            if (!executed.contains(cid)) {
                missing.put(cid, blocks);
            }
        });
        if (missing.isEmpty()) {
            return 0;
        }
        Set<String> written = new HashSet<>();
        for (BlockHeader b : ts.blocks()) {
            if (missing.values().stream().noneMatch(in -> in.contains(b.cid().toString()))) {
                continue;
            }
            lotus.BlockMessages bm = lotus.chainGetBlockMessages(b.cid());
            List<lotus.Message> bodies = new ArrayList<>(bm.blsMessages());
            bm.secpkMessages().forEach(sm -> bodies.add(sm.message()));
            for (int i = 0; i < bodies.size() && i < bm.cids().size(); i++) {
                String cid = bm.cids().get(i).toString();
                if (missing.containsKey(cid) && written.add(cid)) {
                    lotus.Message m = bodies.get(i);
                    rows.add(new UnexecutedMessageRow(ctx.height(), ctx.tipsetKey(), cid, missing.get(cid),
                            m.version(), Addresses.canonical(m.from()), Addresses.canonical(m.to()), m.nonce(),
                            m.value(), m.method(), CallDecoding.base64(m.params()), m.gasLimit(), m.gasFeeCap(),
                            m.gasPremium(), ctx.timestamp(), ctx.indexedAt()));
                    rows.add(new CidLookupRow(cid, "unexecuted", ctx.height(), ctx.tipsetKey(), cid, ctx.indexedAt()));
                }
            }
        }
        return written.size();
    }

    private IndexMode computeFull(TipSet ts, MessageExtraction messages) {
        try {
            // gas charges (most of the 15-19 MB) are dropped at byte level before the parser sees them;
            // a retried request starts the height's messages over
            lotus.stateCompute(ts.height(), ts.key(), GasChargeSummarizer::new, p -> {
                messages.reset();
                return traces.readComputeResult(p, messages::add);
            });
            stateCompute.answered();
            return IndexMode.FULL;
        } catch (LotusMethodNotAvailableException e) {
            stateCompute.refused(e);
            return IndexMode.DEGRADED;
        }
    }

    /** Messages and receipts of {@code ts} as its child tipset reports them. */
    private void computeDegraded(TipSet ts, MessageExtraction messages) {
        TipSet child = child(ts);
        Cid childBlock = child.cids().get(0);
        List<ParentMessage> parentMessages = lotus.chainGetParentMessages(childBlock);
        List<MessageReceipt> receipts = lotus.chainGetParentReceipts(childBlock);
        if (parentMessages.size() != receipts.size()) {
            throw new IllegalStateException("height " + ts.height() + ": " + parentMessages.size()
                    + " parent messages but " + receipts.size() + " receipts");
        }
        for (int i = 0; i < parentMessages.size(); i++) {
            ParentMessage pm = parentMessages.get(i);
            messages.addDegraded(pm.cid().toString(), pm.message(), receipts.get(i));
        }
    }

    private TipSet child(TipSet ts) {
        for (long h = ts.height() + 1; h <= ts.height() + MAX_CHILD_DISTANCE; h++) {
            TipSet next = lotus.chainGetTipSetByHeight(h, TipSetKey.EMPTY);
            if (next.height() > ts.height()) {
                if (!next.parentKey().equals(ts.key())) {
                    throw new IllegalStateException("height " + ts.height() + " is no longer the parent of "
                            + next.height() + " (reorg in progress)");
                }
                return next;
            }
        }
        throw new IllegalStateException("height " + ts.height() + " has no child tipset yet");
    }

    /**
     * Native events of the tipset, asked by its key. Only a node that does not offer the method
     * (or no longer keeps or never recorded that tipset's events: "not found", lookback limit) gives
     * none, and then the EVM logs still come from EthGetLogs; any other error fails the height, so a
     * height is never counted as indexed without the events the node has.
     */
    private List<ActorEvent> nativeEvents(long height, TipSetKey key) {
        if (!nativeEvents.worthAsking()) {
            return List.of();
        }
        try {
            List<ActorEvent> events = lotus.getActorEventsRaw(ActorEventFilter.tipset(key));
            nativeEvents.answered();
            return events == null ? List.of() : events;
        } catch (LotusMethodNotAvailableException e) {
            nativeEvents.refused(e);
            return List.of();
        } catch (LotusNotFoundException | LotusLookbackLimitException e) {
            LOG.info("height {}: the node has no native events for the tipset ({}); EVM logs only", height,
                    e.getMessage());
            return List.of();
        }
    }

    /**
     * EVM logs of the tipset. EthGetLogs selects by height, so the tipset at that height is read
     * again afterwards: a different one means the logs may be another tipset's (a reorg while the
     * height was fetched), and the height fails to be retried. Errors other than a refused method
     * or logs the node does not have fail the height.
     */
    private List<EthLog> ethLogs(TipSet ts) {
        if (!ethLogs.worthAsking()) {
            return List.of();
        }
        List<EthLog> logs;
        try {
            logs = lotus.ethGetLogs(EthFilter.heights(ts.height(), ts.height()));
            ethLogs.answered();
        } catch (LotusMethodNotAvailableException e) {
            ethLogs.refused(e);
            return List.of();
        } catch (LotusNotFoundException | LotusLookbackLimitException e) {
            LOG.info("height {}: the node has no EVM logs for the tipset ({})", ts.height(), e.getMessage());
            return List.of();
        }
        if (logs == null || logs.isEmpty()) {
            return List.of();
        }
        TipSet again = lotus.chainGetTipSetByHeight(ts.height(), TipSetKey.EMPTY);
        if (!again.key().equals(ts.key())) {
            throw new IllegalStateException("height " + ts.height() + " changed tipset while its EVM logs were read"
                    + " (reorg in progress)");
        }
        return logs;
    }

    private final Cache<String, String> messageOfTx = Caffeine.newBuilder().maximumSize(100_000).build();

    /** The Filecoin message of an EVM log: given by the node, or asked once per transaction hash. */
    private String messageOfLog(EthLog log) {
        if (log.transactionCid() != null) {
            return log.transactionCid();
        }
        return messageOfTx.get(log.transactionHash(), hash -> lotus.call(
                "Filecoin.EthGetMessageCidByTransactionHash", p -> {
                    com.fasterxml.jackson.databind.JsonNode n = p.readValueAsTree();
                    return n == null || n.isNull() ? null : n.path("/").asText(null);
                }, hash));
    }

    private static String joined(TipSetKey key) {
        return String.join(",", key.cids().stream().map(Cid::toString).toList());
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
