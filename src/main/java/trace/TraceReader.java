package trace;

import codec.cid.Cid;
import codec.cid.InvalidCidException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Lotus {@code StateCompute}/{@code StateReplay} traces of every recorded generation (before
 * 1.23, 1.23, 1.23–1.25, 1.26+) into one model. It streams: one {@link InvocationResult} is built at
 * a time and the {@code GasCharges} arrays (most of the bytes) are skipped, never materialised.
 * Unknown fields are skipped, so newer Lotus versions that add fields still read.
 */
public final class TraceReader {
    private final JsonFactory factory;

    public TraceReader() {
        this(new JsonFactory());
    }

    public TraceReader(JsonFactory factory) {
        this.factory = factory;
    }

    /** Reads a whole {@code StateCompute} answer ({@code {Root, Trace}}), gas charges left out. */
    public ComputeResult readComputeResult(InputStream in) throws IOException {
        try (JsonParser p = factory.createParser(new GasChargeSummarizer(in))) {
            List<InvocationResult> trace = new ArrayList<>();
            Cid root = readComputeResult(p, trace::add);
            return new ComputeResult(root, List.copyOf(trace));
        }
    }

    /**
     * Streams a {@code StateCompute} answer: hands each executed message to {@code sink} as soon as it
     * is read. The parser may stand before the object or on its START_OBJECT (e.g. at a JSON-RPC
     * {@code result}); it is left on the object's END_OBJECT.
     *
     * @return the state root
     */
    public Cid readComputeResult(JsonParser p, Consumer<InvocationResult> sink) throws IOException {
        startObject(p, "StateCompute result");
        Cid root = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if ("Root".equals(field)) {
                root = readCid(p);
            } else if ("Trace".equals(field) && t == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    sink.accept(readInvocationResult(p));
                }
            } else {
                p.skipChildren();
            }
        }
        return root;
    }

    /** Reads one {@code InvocResult} (a {@code StateReplay} answer); the parser stands before or on its object. */
    public InvocationResult readInvocationResult(JsonParser p) throws IOException {
        startObject(p, "InvocResult");
        Cid msgCid = null;
        TraceMessage msg = null;
        Receipt receipt = null;
        GasCost gasCost = null;
        Call trace = null;
        String error = null;
        long duration = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "MsgCid" -> msgCid = readCid(p);
                case "Msg" -> msg = readMessage(p).message();
                case "MsgRct" -> receipt = readReceipt(p).receipt();
                case "GasCost" -> gasCost = readGasCost(p);
                case "ExecutionTrace" -> trace = readCall(p);
                case "Error" -> error = nonEmpty(p.getValueAsString());
                case "Duration" -> duration = p.getValueAsLong();
                default -> p.skipChildren();
            }
        }
        if (msg == null || receipt == null) {
            throw new JsonParseException(p, "InvocResult without Msg or MsgRct");
        }
        return new InvocationResult(msgCid, msg, receipt, gasCost, trace, error, duration);
    }

    private Call readCall(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_OBJECT, "ExecutionTrace");
        MessageFields msg = null;
        ReceiptFields rct = null;
        InvokedActor actor = null;
        List<Call> subcalls = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "Msg" -> msg = readMessage(p);
                case "MsgRct" -> rct = readReceipt(p);
                case "InvokedActor" -> actor = readInvokedActor(p);
                case "Subcalls" -> {
                    if (t == JsonToken.START_ARRAY) {
                        subcalls = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            subcalls.add(readCall(p));
                        }
                    }
                }
                default -> p.skipChildren(); // GasCharges, and per-call Error/Duration before 1.23
            }
        }
        if (msg == null || rct == null) {
            throw new JsonParseException(p, "ExecutionTrace without Msg or MsgRct");
        }
        Cid code = msg.codeCid != null ? msg.codeCid : actor == null ? null : actor.state().code();
        return new Call(msg.message(), rct.receipt(), code, actor, subcalls, msg.readOnly, msg.paramsCodec,
                rct.returnCodec);
    }

    private MessageFields readMessage(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "Msg");
        MessageFields m = new MessageFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "Version" -> m.version = p.getValueAsInt();
                case "To" -> m.to = p.getValueAsString();
                case "From" -> m.from = p.getValueAsString();
                case "Nonce" -> m.nonce = readLong(p);
                case "Value" -> m.value = readBig(p);
                case "GasLimit" -> m.gasLimit = readLong(p);
                case "GasFeeCap" -> m.gasFeeCap = readBig(p);
                case "GasPremium" -> m.gasPremium = readBig(p);
                case "Method" -> m.method = readLong(p);
                case "Params" -> m.params = readBytes(p);
                case "ParamsCodec" -> m.paramsCodec = p.getValueAsInt();
                case "ReadOnly" -> m.readOnly = p.getValueAsBoolean();
                case "CodeCid" -> m.codeCid = readCid(p);
                default -> p.skipChildren(); // CID of the unsigned message (before 1.23)
            }
        }
        return m;
    }

    private ReceiptFields readReceipt(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "MsgRct");
        ReceiptFields r = new ReceiptFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "ExitCode" -> r.exitCode = readLong(p);
                case "Return" -> r.returnValue = readBytes(p);
                case "GasUsed" -> r.gasUsed = readLong(p);
                case "EventsRoot" -> r.eventsRoot = readCid(p);
                case "ReturnCodec" -> r.returnCodec = p.getValueAsInt();
                default -> p.skipChildren();
            }
        }
        return r;
    }

    private GasCost readGasCost(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_OBJECT, "GasCost");
        BigInteger baseFeeBurn = BigInteger.ZERO;
        BigInteger overEstimationBurn = BigInteger.ZERO;
        BigInteger minerPenalty = BigInteger.ZERO;
        BigInteger minerTip = BigInteger.ZERO;
        BigInteger refund = BigInteger.ZERO;
        BigInteger totalCost = BigInteger.ZERO;
        long gasUsed = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "BaseFeeBurn" -> baseFeeBurn = readBig(p);
                case "OverEstimationBurn" -> overEstimationBurn = readBig(p);
                case "MinerPenalty" -> minerPenalty = readBig(p);
                case "MinerTip" -> minerTip = readBig(p);
                case "Refund" -> refund = readBig(p);
                case "TotalCost" -> totalCost = readBig(p);
                case "GasUsed" -> gasUsed = readLong(p);
                default -> p.skipChildren(); // Message: the same CID as MsgCid or null
            }
        }
        return new GasCost(baseFeeBurn, overEstimationBurn, minerPenalty, minerTip, refund, totalCost, gasUsed);
    }

    private InvokedActor readInvokedActor(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_OBJECT, "InvokedActor");
        long id = -1;
        ActorState state = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "Id" -> id = readLong(p);
                case "State" -> state = readActorState(p);
                default -> p.skipChildren();
            }
        }
        return new InvokedActor(id, state);
    }

    private ActorState readActorState(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_OBJECT, "ActorState");
        Cid code = null;
        Cid head = null;
        long nonce = 0;
        BigInteger balance = BigInteger.ZERO;
        String delegated = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "Code" -> code = readCid(p);
                case "Head" -> head = readCid(p);
                case "Nonce" -> nonce = readLong(p);
                case "Balance" -> balance = readBig(p);
                case "Address" -> delegated = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
                default -> p.skipChildren();
            }
        }
        return new ActorState(code, head, nonce, balance, delegated);
    }

    /** A CID in its JSON form {@code {"/": "bafy…"}}, or null. */
    private static Cid readCid(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_OBJECT, "CID");
        Cid cid = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("/".equals(field)) {
                try {
                    cid = Cid.parse(p.getText());
                } catch (InvalidCidException e) {
                    throw new JsonParseException(p, "invalid CID: " + e.getMessage(), e);
                }
            } else {
                p.skipChildren();
            }
        }
        return cid;
    }

    private static BigInteger readBig(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> BigInteger.ZERO;
            case VALUE_NUMBER_INT -> p.getBigIntegerValue();
            case VALUE_STRING -> parseBig(p);
            default -> throw new JsonParseException(p, "expected a decimal token amount");
        };
    }

    private static BigInteger parseBig(JsonParser p) throws IOException {
        try {
            return new BigInteger(p.getText());
        } catch (NumberFormatException e) {
            throw new JsonParseException(p, "not a decimal integer: " + p.getText(), e);
        }
    }

    /** Int64 fields are JSON numbers, except GasCost.GasUsed which Lotus prints as a string. */
    private static long readLong(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_STRING -> {
                try {
                    yield parseBig(p).longValueExact();
                } catch (ArithmeticException e) {
                    throw new JsonParseException(p, "integer out of 64-bit range: " + p.getText(), e);
                }
            }
            case VALUE_NULL -> 0;
            default -> throw new JsonParseException(p, "expected an integer");
        };
    }

    private static byte[] readBytes(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getBinaryValue();
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static void startObject(JsonParser p, String what) throws IOException {
        if (p.currentToken() == null || p.currentToken() == JsonToken.FIELD_NAME) {
            p.nextToken();
        }
        expect(p, JsonToken.START_OBJECT, what);
    }

    private static void expect(JsonParser p, JsonToken token, String what) throws IOException {
        if (p.currentToken() != token) {
            throw new JsonParseException(p, what + ": expected " + token + " but found " + p.currentToken());
        }
    }

    /** TraceMessage fields as read, before generation differences are folded into {@link TraceMessage}. */
    private static final class MessageFields {
        int version;
        String to;
        String from;
        long nonce;
        BigInteger value = BigInteger.ZERO;
        long gasLimit;
        BigInteger gasFeeCap = BigInteger.ZERO;
        BigInteger gasPremium = BigInteger.ZERO;
        long method;
        byte[] params;
        int paramsCodec = Call.CODEC_UNRECORDED;
        boolean readOnly;
        Cid codeCid;

        TraceMessage message() {
            return new TraceMessage(version, to, from, nonce, value, gasLimit, gasFeeCap, gasPremium, method, params);
        }
    }

    private static final class ReceiptFields {
        long exitCode;
        byte[] returnValue;
        long gasUsed;
        Cid eventsRoot;
        int returnCodec = Call.CODEC_UNRECORDED;

        Receipt receipt() {
            return new Receipt(exitCode, returnValue, gasUsed, eventsRoot);
        }
    }
}
