package replay;

import codec.address.Address;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Robust/ID address facts and actor states from the recordings: {@code InvocResult.Msg} holds
 * addresses as sent, {@code ExecutionTrace.Msg} the resolved IDs, 1.26+ traces carry
 * {@code InvokedActor.State} (with the f410 address), and the address-resolution vectors add
 * facts recorded from live nodes. Answers StateLookupID, StateAccountKey,
 * StateLookupRobustAddress, StateGetActor and FilecoinAddressToEthAddress.
 * Addresses are kept in their 'f' form and printed with the node's prefix.
 */
final class RecordedAddresses {
    private final RecordedChain recorded;
    private final ServedChain chain;
    private final char prefix;
    private final ObjectMapper mapper;
    private final Path vectors;
    private final String network;
    private volatile Facts facts;

    /** What the recordings say; built on first use (it reads every trace). */
    private static final class Facts {
        final Map<String, String> idOfRobust = new ConcurrentHashMap<>();
        final Map<String, String> keyOfId = new ConcurrentHashMap<>();
        final Map<String, String> robustOfId = new ConcurrentHashMap<>();
        final Map<String, String> delegatedOfId = new ConcurrentHashMap<>();
        final Map<String, String> accountKeyErrors = new ConcurrentHashMap<>();
        final Map<String, String> ethOfId = new ConcurrentHashMap<>();
    }

    RecordedAddresses(RecordedChain recorded, ServedChain chain, char prefix, ObjectMapper mapper, Path vectors, String network) {
        this.recorded = recorded;
        this.chain = chain;
        this.prefix = prefix;
        this.mapper = mapper;
        this.vectors = vectors;
        this.network = network;
    }

    void register(RpcMethods t) {
        t.add("Filecoin.StateLookupID", p -> address(lookupId(p.atMost(2).text(0), p.tipSetKey(1))));
        t.add("Filecoin.StateAccountKey", p -> address(accountKey(p.atMost(2).text(0), p.tipSetKey(1))));
        t.add("Filecoin.StateLookupRobustAddress", p -> address(robust(p.atMost(2).text(0), p.tipSetKey(1))));
        t.add("Filecoin.StateGetActor", p -> actor(p.atMost(2).text(0), p.tipSetKey(1)));
        t.add("Filecoin.FilecoinAddressToEthAddress", p -> text(eth(p.atMost(2).text(0))));
    }

    String lookupId(String address, List<String> key) {
        chain.heightOf(key);
        Address a = parse(address);
        if (a.protocol() == Address.ID) {
            return a.toString();
        }
        String id = facts().idOfRobust.get(a.toString());
        if (id == null) {
            throw LotusErrors.actorNotFound();
        }
        return id;
    }

    String accountKey(String address, List<String> key) {
        chain.heightOf(key);
        Address a = parse(address);
        if (a.protocol() == Address.SECP256K1 || a.protocol() == Address.BLS) {
            return a.toString();
        }
        String id = a.protocol() == Address.ID ? a.toString() : facts().idOfRobust.get(a.toString());
        String error = id == null ? null : facts().accountKeyErrors.get(id);
        if (error != null) {
            throw RpcException.method(error.replace(id, print(id)));
        }
        String k = id == null ? null : facts().keyOfId.get(id);
        if (k == null) {
            throw RpcException.method("resolution lookup failed (" + print(a.toString()) + "): resolve address "
                    + print(a.toString()) + ": actor not found");
        }
        return k;
    }

    String robust(String address, List<String> key) {
        chain.heightOf(key);
        Address a = parse(address);
        if (a.protocol() != Address.ID) {
            return a.toString();
        }
        String r = facts().robustOfId.get(a.toString());
        if (r == null) {
            throw LotusErrors.actorNotFound();
        }
        return r;
    }

    String eth(String address) {
        Address a = parse(address);
        if (a.protocol() == Address.DELEGATED) {
            return a.toEth();
        }
        String id = a.protocol() == Address.ID ? a.toString() : facts().idOfRobust.get(a.toString());
        if (id == null) {
            throw LotusErrors.actorNotFound();
        }
        String recordedEth = facts().ethOfId.get(id);
        if (recordedEth != null) {
            return recordedEth;
        }
        String delegated = facts().delegatedOfId.get(id);
        return delegated != null ? Address.parse(delegated).toEth() : Address.parse(id).toEth();
    }

    /**
     * {@code StateGetActor}: the actor's state before the tipset's messages ran (its parent state).
     * For a given tipset, only what its 1.26+ trace proves: see {@link ParentStates}. Without a key
     * (the head), the state last seen in the traces, for the code and addresses an actor keeps for life.
     * A synthetic tipset answers what the trace of the recording it replays proves.
     */
    RpcBody actor(String address, List<String> key) {
        long height = chain.recordingOf(key);
        String id = lookupId(address, key);
        long actorId = Address.parse(id).actorId();
        if (!key.isEmpty()) {
            TraceFile tf = recorded.tipsets().containsKey(height) ? recorded.traces(height) : null;
            JsonNode state = tf == null ? null : ParentStates.of(tf, actorId);
            if (state == null) {
                throw LotusErrors.notRecorded("the state of " + print(id) + " before height " + height);
            }
            return json(state);
        }
        for (long h : recorded.tipsets().descendingMap().keySet()) {
            TraceFile tf = recorded.traces(h);
            if (tf == null) {
                continue;
            }
            JsonNode state = null;
            for (TraceFile.ActorSeen seen : tf.actors()) {
                if (seen.id() == actorId) {
                    state = seen.state();
                }
            }
            if (state != null) {
                return json(state);
            }
        }
        throw RpcException.method("resolution lookup failed (" + print(id) + "): resolve address " + print(id)
                + ": actor not found");
    }

    private Facts facts() {
        Facts f = facts;
        if (f == null) {
            synchronized (this) {
                if (facts == null) {
                    facts = build();
                }
                f = facts;
            }
        }
        return f;
    }

    private Facts build() {
        Facts f = new Facts();
        for (long h : recorded.tipsets().keySet()) {
            TraceFile tf = recorded.traces(h);
            if (tf == null) {
                continue;
            }
            for (TraceFile.Entry e : tf.entries()) {
                pair(f, e.sentFrom(), e.idFrom());
                pair(f, e.sentTo(), e.idTo());
            }
            for (TraceFile.ActorSeen seen : tf.actors()) {
                String delegated = seen.state().path("Address").asText(null);
                if (delegated == null) {
                    delegated = seen.state().path("DelegatedAddress").asText(null);
                }
                if (delegated != null) {
                    pair(f, delegated, Address.id(seen.id()).toString());
                }
            }
        }
        if (vectors != null) {
            readVectors(f);
        }
        return f;
    }

    private void readVectors(Facts f) {
        try {
            JsonNode root = mapper.readTree(Files.readAllBytes(vectors));
            for (JsonNode v : root.path("from_traces")) {
                if (network.equals(v.path("network").asText())) {
                    pair(f, v.path("robust").asText(null), v.path("id").asText(null));
                }
            }
            for (JsonNode v : root.path("from_tests")) {
                if (network.equals(v.path("network").asText())) {
                    readTestVector(f, v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + vectors, e);
        }
    }

    private void readTestVector(Facts f, JsonNode v) {
        String method = v.path("method").asText();
        String param = v.path("params").path(0).asText(null);
        String result = v.path("result").asText(null);
        if (param == null) {
            return;
        }
        if (method.equals("Filecoin.StateLookupID") && result != null) {
            pair(f, param, result);
        } else if (method.equals("Filecoin.StateAccountKey") && result != null) {
            pair(f, result, param);
        } else if (method.equals("Filecoin.StateAccountKey") && v.has("error")) {
            f.accountKeyErrors.put(canonical(param), v.path("error").asText());
        } else if (method.startsWith("robust-of-id") && result != null) {
            pair(f, result, param);
        } else if (method.equals("Filecoin.FilecoinAddressToEthAddress") && result != null) {
            f.ethOfId.put(canonical(param), result.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static void pair(Facts f, String robust, String id) {
        if (robust == null || id == null) {
            return;
        }
        Address r;
        Address i;
        try {
            r = Address.parse(robust);
            i = Address.parse(id);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (r.protocol() == Address.ID || i.protocol() != Address.ID) {
            return;
        }
        String rs = r.toString();
        String is = i.toString();
        f.idOfRobust.put(rs, is);
        f.robustOfId.putIfAbsent(is, rs);
        if (r.protocol() == Address.SECP256K1 || r.protocol() == Address.BLS) {
            f.keyOfId.put(is, rs);
        }
        if (r.protocol() == Address.DELEGATED) {
            f.delegatedOfId.put(is, rs);
        }
    }

    private static String canonical(String address) {
        return Address.parse(address).toString();
    }

    private Address parse(String address) {
        try {
            return Address.parse(address);
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcException.PARSE_ERROR, "unmarshaling params: invalid address " + address + ": "
                    + e.getMessage());
        }
    }

    private String print(String canonical) {
        return AddressPrefix.print(canonical, prefix);
    }

    private RpcBody address(String canonical) {
        return text(print(canonical));
    }

    private RpcBody text(String value) {
        return json(mapper.getNodeFactory().textNode(value));
    }

    private RpcBody json(JsonNode node) {
        try {
            return RpcBody.of(mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
