package replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A recorded StateCompute answer ({@code {Root, Trace: [InvocResult]}}) kept as its JSON bytes,
 * with an index of byte spans so that StateReplay and the parent messages/receipts of a child
 * block are served as slices of the recording, never re-serialised.
 */
final class TraceFile {
    /** Half-open byte range of one JSON value inside {@link #bytes()}. */
    record Span(int start, int end) {
        int length() {
            return end - start;
        }
    }

    /**
     * One executed message: its InvocResult, {@code Msg} and {@code MsgRct} spans, the addresses as
     * sent ({@code InvocResult.Msg}) and as resolved ({@code ExecutionTrace.Msg}).
     */
    record Entry(String msgCid, String unsignedCid, Span whole, Span msg, Span receipt, String sentFrom,
                 String sentTo, String idFrom, String idTo) {
        /** Cron and reward messages are sent by the system actor f00. */
        boolean implicit() {
            return sentFrom != null && sentFrom.length() == 3 && sentFrom.endsWith("00");
        }
    }

    /**
     * An actor state carried by a 1.26+ trace ({@code InvokedActor}), in execution order: recorded
     * when the call starts, before its value moves.
     *
     * @param entry the index of the executed message (in {@link #entries()}) whose call recorded it
     * @param calledAs the callee address the call printed (robust for a send that creates the actor)
     * @param constructor the call is the Init actor's constructor call of a new actor
     */
    record ActorSeen(long id, JsonNode state, int entry, String calledAs, boolean constructor) {
    }

    private final byte[] bytes;
    private final String root;
    private final List<Entry> entries = new ArrayList<>();
    private final List<ActorSeen> actors = new ArrayList<>();

    TraceFile(byte[] recorded, ObjectMapper mapper) {
        this.bytes = recorded;
        String rootCid = null;
        try (JsonParser p = mapper.getFactory().createParser(recorded)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("Root".equals(field) && t == JsonToken.START_OBJECT) {
                    rootCid = p.<JsonNode>readValueAsTree().path("/").asText();
                } else if ("Trace".equals(field) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        entries.add(readEntry(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("malformed traces recording", e);
        }
        this.root = rootCid;
    }

    byte[] bytes() {
        return bytes;
    }

    String root() {
        return root;
    }

    List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    List<ActorSeen> actors() {
        return Collections.unmodifiableList(actors);
    }

    private Entry readEntry(JsonParser p) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        String msgCid = null;
        String unsigned = null;
        Span msg = null;
        Span receipt = null;
        JsonNode sent = null;
        JsonNode[] resolved = new JsonNode[1];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "MsgCid" -> msgCid = p.<JsonNode>readValueAsTree().path("/").asText(null);
                case "Msg" -> {
                    int s = tokenStart(p);
                    sent = p.readValueAsTree();
                    msg = new Span(s, tokenEnd(p));
                    unsigned = sent.path("CID").path("/").asText(null);
                }
                case "MsgRct" -> {
                    int s = tokenStart(p);
                    p.skipChildren();
                    receipt = new Span(s, tokenEnd(p));
                }
                case "ExecutionTrace" -> {
                    if (t == JsonToken.START_OBJECT) {
                        readCall(p, resolved);
                    }
                }
                default -> p.skipChildren();
            }
        }
        Span whole = new Span(start, tokenEnd(p));
        return new Entry(msgCid, unsigned, whole, msg, receipt, text(sent, "From"), text(sent, "To"),
                text(resolved[0], "From"), text(resolved[0], "To"));
    }

    /** Reads one call of an execution trace; {@code top[0]} receives the outermost call's Msg. */
    private void readCall(JsonParser p, JsonNode[] top) throws IOException {
        JsonNode m = null; // Lotus writes Msg before InvokedActor
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "Msg" -> {
                    m = p.readValueAsTree();
                    if (top[0] == null) {
                        top[0] = m;
                    }
                }
                case "InvokedActor" -> {
                    JsonNode a = p.readValueAsTree();
                    if (a != null && a.has("Id") && a.path("State").isObject()) {
                        actors.add(new ActorSeen(a.path("Id").asLong(), a.path("State"), entries.size(),
                                text(m, "To"), constructorCall(m)));
                    }
                }
                case "Subcalls" -> {
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            readCall(p, top);
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private static boolean constructorCall(JsonNode msg) {
        String from = text(msg, "From");
        return msg != null && msg.path("Method").asLong() == 1 && ("f01".equals(from) || "t01".equals(from));
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.path(field).isTextual() ? null : node.path(field).asText();
    }

    private static int tokenStart(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }

    private static int tokenEnd(JsonParser p) {
        return (int) p.currentLocation().getByteOffset();
    }

    private static void expect(JsonToken got, JsonToken want) {
        if (got != want) {
            throw new IllegalArgumentException("expected " + want + " but found " + got);
        }
    }
}
