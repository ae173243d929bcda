package pipeline;

import codec.actors.ActorType;
import codec.actors.Creation;
import history.BalanceDeltas;
import history.ExecutedMessage;
import history.GasOutputs;
import history.MovementModel;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import storage.rows.AddressMessageRow;
import storage.rows.CidLookupRow;
import storage.rows.CreationRow;
import storage.rows.EventRow;
import storage.rows.MessageRow;
import storage.rows.SubcallRow;
import trace.Call;
import trace.GasCost;
import trace.InvocationResult;
import trace.TraceMessage;
import trace.Receipt;

/**
 * Turns the executed messages of one height into rows, one message at a time (the trace of a
 * message is dropped as soon as its rows exist, and the rows go to the height's bounded
 * {@link RowBuffer}): the message, its full-depth sub-calls (pre-order
 * index, parent, depth, path), the creations at any depth, address/CID lookups and actor sightings.
 */
final class MessageExtraction {
    private final HeightContext ctx;
    private final CallDecoding decoding;
    private final ActorCache book;
    private final ActorSightings actors;
    private final Map<String, List<EventRow>> events;
    private final ArchiveLayout archive;

    private final RowBuffer rows;
    /** Where this height's message rows begin in {@link #rows}. */
    private final long firstRow;
    final List<NewContract> newContracts = new ArrayList<>();
    final Set<String> executed = new HashSet<>();
    BalanceDeltas balances = new BalanceDeltas();
    int messages;
    int implicitMessages;
    int subcalls;
    int failed;
    int creations;
    private int position;

    MessageExtraction(HeightContext ctx, CallDecoding decoding, ActorCache book, ActorSightings actors,
            Map<String, List<EventRow>> events, ArchiveLayout archive, RowBuffer rows) {
        this.ctx = ctx;
        this.rows = rows;
        this.firstRow = rows.mark();
        this.decoding = decoding;
        this.book = book;
        this.actors = actors;
        this.events = events;
        this.archive = archive;
    }

    /** Forgets the messages seen so far (a retried StateCompute answer starts again). */
    void reset() {
        rows.truncate(firstRow);
        newContracts.clear();
        executed.clear();
        balances = new BalanceDeltas();
        archive.reset();
        messages = 0;
        implicitMessages = 0;
        subcalls = 0;
        failed = 0;
        creations = 0;
        position = 0;
    }

    /** Full mode: one {@code InvocResult} of StateCompute. */
    void add(InvocationResult ir) {
        Call root = ir.trace();
        TraceMessage msg = ir.msg();
        // the trace's root names both ends by ID from Lotus 1.23 on; before, the sender as sent
        OptionalLong fromId = idOf(root == null ? OptionalLong.empty() : root.fromId(), msg.from());
        OptionalLong toId = idOf(root == null ? OptionalLong.empty() : root.toId(), msg.to());
        MessageRow row = messageRow(ir.msgCid().toString(), ir.isImplicit(), msg, ir.receipt(), ir.gasCost(),
                ir.error(), fromId, toId, root, true);
        List<SubcallRow> subs = new ArrayList<>(root == null ? 0 : root.descendantCount());
        if (root != null) {
            see(root);
            creation(row, root, "", 0);
            walk(row, root, 0, 1, "", new int[] {0}, subs);
        }
        finish(row, subs, ir.failed());
    }

    /** Degraded mode: a message and its receipt from ChainGetParentMessages/Receipts; no trace. */
    void addDegraded(String cid, lotus.Message m, lotus.MessageReceipt r) {
        TraceMessage msg = new TraceMessage(m.version(), m.to(), m.from(), m.nonce(), m.value(), m.gasLimit(), m.gasFeeCap(),
                m.gasPremium(), m.method(), m.params());
        Receipt receipt = new Receipt(r.exitCode(), r.returnValue(), r.gasUsed(), r.eventsRoot());
        OptionalLong fromId = book.resolve(msg.from(), ctx.height(), ctx.key());
        OptionalLong toId = book.resolve(msg.to(), ctx.height(), ctx.key());
        // no trace: the gas outputs follow from the message, its receipt and the base fee
        GasCost gas = GasOutputs.of(receipt.gasUsed(), msg.gasLimit(), receipt.exitCode(), ctx.baseFee(),
                msg.gasFeeCap(), msg.gasPremium());
        MessageRow row = messageRow(cid, false, msg, receipt, gas, null, fromId, toId, null, false);
        // the top-level call is known even without a trace: creations made by it still count
        Call top = new Call(new TraceMessage(0, toId.isPresent() ? Addresses.idAddress(toId.getAsLong()) : msg.to(),
                fromId.isPresent() ? Addresses.idAddress(fromId.getAsLong()) : msg.from(), 0, msg.value(), 0,
                BigInteger.ZERO, BigInteger.ZERO, msg.method(), msg.params()), receipt, null, null, List.of(), false,
                Call.CODEC_UNRECORDED, Call.CODEC_UNRECORDED);
        creation(row, top, "", 0);
        finish(row, List.of(), receipt.exitCode() != 0);
    }

    private MessageRow messageRow(String cid, boolean implicit, TraceMessage msg, Receipt receipt, GasCost gas,
            String error, OptionalLong fromId, OptionalLong toId, Call root, boolean subcallsAvailable) {
        String from = Addresses.canonical(msg.from());
        String to = Addresses.canonical(msg.to());
        actors.see(boxed(fromId), from);
        actors.see(boxed(toId), to);
        ActorType type = decoding.actorType(root == null ? null : root.codeCid(), toId);
        List<EventRow> evs = events.getOrDefault(cid, List.of());
        String ethHash = evs.stream().map(EventRow::ethTxHash).filter(h -> !h.isEmpty()).findFirst().orElse("");
        GasCost g = gas == null ? new GasCost(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, BigInteger.ZERO, 0) : gas;
        return new MessageRow(ctx.height(), ctx.tipsetKey(), cid, position++, implicit ? 1 : 0, msg.version(), from,
                to, boxed(fromId), boxed(toId), msg.nonce(), msg.value(), msg.method(),
                decoding.methodName(type, msg.method()), CallDecoding.typeName(type),
                CallDecoding.base64(msg.params()), decoding.params(type, msg.method(), msg.params()), msg.gasLimit(),
                msg.gasFeeCap(), msg.gasPremium(), receipt.exitCode(), CallDecoding.base64(receipt.returnValue()),
                decoding.returnValue(type, msg.method(), receipt.returnValue()), receipt.gasUsed(),
                g.baseFeeBurn(), g.overEstimationBurn(), g.minerPenalty(), g.minerTip(), g.refund(), g.totalCost(),
                error == null ? "" : error, receipt.eventsRoot() == null ? "" : receipt.eventsRoot().toString(),
                root == null ? 0 : root.descendantCount(), subcallsAvailable ? 1 : 0, evs.size(), ethHash,
                implicit ? List.of() : ctx.blocksOf(cid), ctx.timestamp(), ctx.indexedAt());
    }

    /** Pre-order walk below {@code call}; {@code next[0]} is the last index handed out. */
    private void walk(MessageRow msg, Call call, int parentIdx, int depth, String path, int[] next,
            List<SubcallRow> out) {
        List<Call> children = call.subcalls();
        for (int i = 0; i < children.size(); i++) {
            Call c = children.get(i);
            int idx = ++next[0];
            String childPath = path.isEmpty() ? Integer.toString(i) : path + "." + i;
            see(c);
            TraceMessage m = c.msg();
            OptionalLong toId = idOf(c.toId(), m.to());
            ActorType type = decoding.actorType(c.codeCid(), toId);
            out.add(new SubcallRow(ctx.height(), ctx.tipsetKey(), msg.cid(), idx, parentIdx, depth, childPath,
                    Addresses.canonical(m.from()), Addresses.canonical(m.to()), boxed(idOf(c.fromId(), m.from())),
                    boxed(toId),
                    m.value(), m.method(), decoding.methodName(type, m.method()), CallDecoding.typeName(type),
                    c.codeCid() == null ? "" : c.codeCid().toString(), CallDecoding.base64(m.params()),
                    decoding.params(type, m.method(), m.params()), c.receipt().exitCode(),
                    CallDecoding.base64(c.receipt().returnValue()),
                    decoding.returnValue(type, m.method(), c.receipt().returnValue()), m.gasLimit(),
                    c.receipt().gasUsed(), c.readOnly() ? 1 : 0, c.descendantCount(), ctx.indexedAt()));
            creation(msg, c, childPath, depth);
            walk(msg, c, idx, depth + 1, childPath, next, out);
        }
    }

    /** Records what a call reveals about the actors it touches. */
    private void see(Call c) {
        OptionalLong toId = idOf(c.toId(), c.msg().to());
        actors.see(boxed(idOf(c.fromId(), c.msg().from())), c.msg().from());
        actors.see(boxed(toId), c.msg().to());
        ActorType type = decoding.actorType(c.codeCid(), toId);
        actors.code(boxed(toId), c.codeCid() == null ? "" : c.codeCid().toString(), CallDecoding.typeName(type));
        if (c.invokedActor() != null && c.invokedActor().state() != null) {
            actors.see(c.invokedActor().id(), c.invokedActor().state().delegatedAddress());
        }
    }

    private void creation(MessageRow msg, Call call, String path, int depth) {
        if (call.receipt().exitCode() != 0) {
            return;
        }
        Creation c = decoding.creation(call).orElse(null);
        if (c == null) {
            return;
        }
        creations++;
        OptionalLong creatorId = call.toId();
        String creator = creatorId.isPresent() && creatorId.getAsLong() == 10 ? "EAM" : "Init";
        String code = c.codeCid() == null ? "" : c.codeCid().toString();
        ActorType type = c.codeCid() == null && "EAM".equals(creator) ? ActorType.EVM
                : decoding.actorType(c.codeCid(), OptionalLong.of(c.actorId()));
        actors.see(c.actorId(), c.robust());
        actors.see(c.actorId(), c.delegated());
        actors.see(c.actorId(), c.eth());
        actors.code(c.actorId(), code, CallDecoding.typeName(type));
        TraceMessage m = call.msg();
        String params = CallDecoding.base64(m.params());
        String ret = CallDecoding.base64(call.receipt().returnValue());
        rows.add(new CreationRow(ctx.height(), ctx.tipsetKey(), msg.cid(), path, depth, c.actorId(),
                nz(c.robust()), nz(Addresses.canonical(c.delegated())), nz(Addresses.canonical(c.eth())), code,
                CallDecoding.typeName(type), creator, c.method(), m.method(), boxed(call.fromId()), msg.fromAddress(),
                msg.toAddress(), m.value(), CallDecoding.base64(c.initcode()), params, ret, ctx.timestamp(),
                ctx.indexedAt()));
        newContracts.add(new NewContract(ctx.network(), ctx.height(), ctx.cids(), ctx.timestamp(), msg.cid(),
                msg.fromAddress(), msg.toAddress(), depth, path, creator, c.method(), m.method(),
                Addresses.canonical(m.from()), Addresses.canonical(m.to()), m.value().toString(), params, ret,
                call.receipt().exitCode(), c.actorId(), nz(Addresses.canonical(c.robust())),
                nz(Addresses.canonical(c.delegated())), nz(Addresses.canonical(c.eth()))));
    }

    private void finish(MessageRow row, List<SubcallRow> subs, boolean failedMessage) {
        messages += row.implicit() == 0 ? 1 : 0;
        implicitMessages += row.implicit();
        subcalls += subs.size();
        failed += failedMessage ? 1 : 0;
        executed.add(row.cid());
        ExecutedMessage executedMessage = ExecutedMessage.of(row, subs);
        balances.add(executedMessage, MovementModel.movements(executedMessage));
        rows.add(row);
        rows.addAll(subs);
        rows.addAll(events.getOrDefault(row.cid(), List.of()));
        rows.add(new CidLookupRow(row.cid(), "message", ctx.height(), ctx.tipsetKey(), row.cid(), ctx.indexedAt()));
        if (!row.ethHash().isEmpty()) {
            rows.add(new CidLookupRow(row.ethHash(), "eth_tx", ctx.height(), ctx.tipsetKey(), row.cid(),
                    ctx.indexedAt()));
        }
        addressMessages(row, subs);
        archive.message(row, subs);
    }

    private void addressMessages(MessageRow row, List<SubcallRow> subs) {
        Set<String> seen = new LinkedHashSet<>();
        addressMessage(row, row.fromId(), "from", 0, seen);
        addressMessage(row, row.toId(), "to", 0, seen);
        for (SubcallRow s : subs) {
            addressMessage(row, s.fromId(), "from", 1, seen);
            addressMessage(row, s.toId(), "to", 1, seen);
        }
    }

    private void addressMessage(MessageRow row, Long actorId, String role, int viaSubcall, Set<String> seen) {
        if (actorId != null && seen.add(actorId + role + viaSubcall)) {
            rows.add(new AddressMessageRow(actorId, ctx.height(), ctx.tipsetKey(), row.cid(), role, viaSubcall,
                    row.implicit(), row.method(), ctx.indexedAt()));
        }
    }

    /** The ID the trace gives, else the address resolved through the cache (and the node). */
    private OptionalLong idOf(OptionalLong fromTrace, String address) {
        return fromTrace.isPresent() ? fromTrace : book.resolve(address, ctx.height(), ctx.key());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
