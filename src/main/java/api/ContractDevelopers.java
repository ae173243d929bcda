package api;

import codec.address.Address;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.ContractTools;
import contracts.abi.ContractAbi;
import contracts.verify.InputForms;
import contracts.verify.VerificationRequest;
import contracts.verify.VerificationStore;
import contracts.verify.VerifiedContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import lotus.EthCallRequest;
import lotus.EthRevertException;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/**
 * The contract endpoints for developers: ABI, source upload, verification status, read-only calls,
 * runtime bytecode, and the verified name/match and decoded event logs added to other answers.
 */
public final class ContractDevelopers {
    private static final HexFormat HEX = HexFormat.of();

    private final Supplier<ContractTools> tools;
    private final ActorDirectory actors;
    private final SqlRows rows;

    public ContractDevelopers(Supplier<ContractTools> tools, ActorDirectory actors, SqlRows rows) {
        this.tools = tools;
        this.actors = actors;
        this.rows = rows;
    }

    ContractTools tools() {
        ContractTools t = tools.get();
        if (t == null) {
            throw ApiException.unavailable("contract verification and calls are not configured in this filflow");
        }
        return t;
    }

    /** {@code GET /api/v1/contracts/{address}/abi}: the verified ABI, 404 until verified. */
    public JsonNode abi(AddressInput address) {
        String eth = ethOf(address);
        return verified(eth).orElseThrow(() -> ApiException.notFound("contract " + address.input()
                + " is not verified: upload its source, or verify it with hardhat/forge (docs/CONTRACTS.md)")).abi();
    }

    /** {@code POST /api/v1/contracts/{address}/source} (signed in): queues a verification, 202 with its id. */
    public ApiResponse upload(AddressInput address, String authorization, String body) {
        ContractTools t = tools();
        String uploader = t.uploaders().uploader(authorization);
        checkSize(body);
        String eth = ethOf(address);
        try {
            VerificationRequest request = InputForms.upload(parse(body), eth, t.chainId(), uploader);
            requireCode(eth);
            UUID id = t.verification().submit(request);
            ObjectNode out = ApiJson.object();
            out.put("verificationId", id.toString());
            out.put("status", "pending");
            out.put("statusUrl", "/api/v1/verifications/" + id);
            return new ApiResponse(202, out);
        } catch (RuntimeException e) {
            throw ContractErrors.of(e, t.verification().retryAfterSeconds());
        }
    }

    /** {@code GET /api/v1/verifications/{id}}: pending, or done with full/partial/none and the reason. */
    public ObjectNode verification(String rawId) {
        VerificationStore.Job job = job(rawId);
        ObjectNode out = ApiJson.object();
        out.put("verificationId", job.id().toString());
        out.put("address", job.address());
        out.put("chainId", job.chainId());
        out.put("status", job.status());
        if (job.match() != null) {
            out.put("match", job.match());
        }
        if (job.reason() != null) {
            out.put("reason", job.reason());
        }
        if (job.result() != null) {
            if ("failed".equals(job.status())) {
                out.set("error", ApiJson.error(job.result().path("code").asText("FAILED"), job.reason()).get("error"));
            } else {
                out.set("contract", job.result());
            }
        }
        out.put("createdAt", job.createdAt().toString());
        if (job.finishedAt() != null) {
            out.put("finishedAt", job.finishedAt().toString());
        }
        return out;
    }

    VerificationStore.Job job(String rawId) {
        UUID id;
        try {
            id = UUID.fromString(RequestParams.required("id", rawId).trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_VERIFICATION_ID", "'" + RequestParams.shorten(rawId) + "' is not a verification id (a UUID)");
        }
        try {
            return tools().verification().job(id).orElseThrow(() -> ApiException.notFound("no verification " + id));
        } catch (RuntimeException e) {
            throw ContractErrors.of(e, 0);
        }
    }

    /** {@code POST /api/v1/contracts/{address}/call {method, args, height?, abi?, from?}}: EthCall, outputs decoded. */
    public ObjectNode call(AddressInput address, String body) {
        ContractTools t = tools();
        checkSize(body);
        JsonNode request = parse(body);
        if (!request.isObject()) {
            throw ApiException.badRequest("INVALID_BODY", "the body is a JSON object {method, args, height?, abi?, from?}");
        }
        String eth = ethOf(address);
        try {
            ContractAbi abi = ContractAbi.parse(request.hasNonNull("abi") ? abiArgument(request.get("abi"))
                    : verified(eth).orElseThrow(() -> ApiException.notFound("contract " + address.input()
                            + " is not verified: give its ABI in \"abi\"")).abi());
            var function = abi.function(request.path("method").asText(null));
            byte[] data = ContractAbi.encodeCall(function, request.get("args") == null ? ApiJson.MAPPER.createArrayNode() : request.get("args"));
            String block = "latest";
            if (request.hasNonNull("height")) {
                block = "0x" + Long.toHexString(RequestParams.height("height", request.get("height").asText()));
            }
            String from = request.hasNonNull("from") ? ethOfText("from", request.get("from").asText()) : null;
            ObjectNode out = ApiJson.object();
            out.put("method", function.getCanonicalSignature());
            out.put("block", block);
            out.put("calldata", "0x" + HEX.formatHex(data));
            try {
                byte[] returned = t.lotus().ethCall(new EthCallRequest(from, eth, null, null, null, "0x" + HEX.formatHex(data)), block);
                out.put("reverted", false);
                out.put("returnData", "0x" + HEX.formatHex(returned));
                out.set("outputs", ContractAbi.decodeOutputs(function, returned, actors.network()));
            } catch (EthRevertException revert) {
                out.put("reverted", true);
                out.set("revert", abi.decodeRevert(revert.revertData(), actors.network()));
            }
            return out;
        } catch (RuntimeException e) {
            throw ContractErrors.of(e, 0);
        }
    }

    private static JsonNode abiArgument(JsonNode abi) {
        if (abi.isTextual()) {
            try {
                return ApiJson.MAPPER.readTree(abi.asText());
            } catch (IOException e) {
                throw ApiException.badRequest("INVALID_ABI", "abi does not parse as JSON: " + RequestParams.shorten(String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            }
        }
        return abi;
    }

    /**
     * {@code GET /api/v1/contracts/{address}/bytecode}: the runtime code from the node (also when the
     * index has only the init code), with its keccak-256; the indexed answer when the node has none.
     */
    public ObjectNode bytecode(AddressInput address, Supplier<ObjectNode> indexed) {
        ContractTools t = tools.get();
        ObjectNode stored = null;
        ApiException notIndexed = null;
        try {
            stored = indexed.get();
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            notIndexed = e;
        }
        if (stored != null && "eth_getcode".equals(stored.path("source").asText())) {
            return stored;
        }
        byte[] code = new byte[0];
        if (t != null) {
            try {
                code = t.lotus().ethGetCode(ethOf(address), "latest");
            } catch (RuntimeException e) {
                // not an EVM actor, or the node cannot say: the index's answer (or its 404) stands
                code = new byte[0];
            }
        }
        if (code.length == 0) {
            if (stored != null) {
                return stored;
            }
            throw notIndexed;
        }
        ObjectNode out = ApiJson.object();
        out.put("bytecode", "0x" + HEX.formatHex(code));
        out.put("hash", "0x" + HEX.formatHex(new Keccak.Digest256().digest(code)));
        out.put("source", "eth_getcode");
        if (stored != null && "initcode".equals(stored.path("source").asText())) {
            out.put("initcode", stored.path("bytecode").asText());
        }
        return out;
    }

    /** Adds {@code verified}, {@code name}, {@code match}, {@code compilerVersion} to contract answers. */
    public void decorateContracts(List<ObjectNode> contracts) {
        Set<String> eths = new HashSet<>();
        contracts.forEach(c -> Optional.ofNullable(c.path("actor").path("eth").textValue()).ifPresent(e -> eths.add(e.toLowerCase(Locale.ROOT))));
        Map<String, VerifiedContract> found = verifiedAll(eths);
        for (ObjectNode c : contracts) {
            String eth = c.path("actor").path("eth").asText("").toLowerCase(Locale.ROOT);
            VerifiedContract v = found.get(eth);
            c.put("verified", v != null);
            if (v != null) {
                c.put("name", v.name());
                c.put("match", v.match().label());
                c.put("compilerVersion", v.compilerVersion());
                c.put("sourcePath", v.sourcePath());
                c.put("verifiedAt", v.verifiedAt().toString());
            }
        }
    }

    /** Adds {@code decoded: {name, signature, args}} to the EVM logs whose emitter is verified. */
    public void decorateEvents(ArrayNode events) {
        Set<String> eths = new HashSet<>();
        events.forEach(e -> Optional.ofNullable(e.path("ethAddress").textValue()).ifPresent(x -> eths.add(x.toLowerCase(Locale.ROOT))));
        Map<String, VerifiedContract> found = verifiedAll(eths);
        if (found.isEmpty()) {
            return;
        }
        Map<String, ContractAbi> abis = new java.util.HashMap<>();
        for (JsonNode node : events) {
            ObjectNode e = (ObjectNode) node;
            VerifiedContract v = found.get(e.path("ethAddress").asText("").toLowerCase(Locale.ROOT));
            if (v == null || !e.path("topics").isArray()) {
                continue;
            }
            ContractAbi abi = abis.computeIfAbsent(v.address(), a -> ContractAbi.parse(v.abi()));
            List<byte[]> topics = new ArrayList<>();
            e.path("topics").forEach(x -> topics.add(hex(x.asText())));
            abi.decodeLog(topics, hex(e.path("data").asText("0x")), actors.network()).ifPresent(d -> {
                d.put("contract", v.name());
                e.set("decoded", d);
            });
        }
    }

    /**
     * Adds {@code events: [{index, name, signature, args}]} to each message of a verified contract's
     * message list: its logs decoded by the contract's ABI (one query for the page).
     */
    public void decorateMessages(ObjectNode page, AddressInput contract) {
        if (tools.get() == null) {
            return;
        }
        String eth;
        try {
            eth = ethOf(contract);
        } catch (ApiException notEvm) {
            return;
        }
        VerifiedContract v = verified(eth).orElse(null);
        ArrayNode items = (ArrayNode) page.get("items");
        if (v == null || items == null || items.isEmpty()) {
            return;
        }
        List<String> cids = new ArrayList<>();
        items.forEach(i -> {
            String cid = i.path("cid").asText("");
            if (cid.matches("[a-z0-9]{10,120}")) {
                cids.add("'" + cid + "'");
            }
        });
        if (cids.isEmpty()) {
            return;
        }
        // the array literal holds base32 CIDs only (checked above); it still travels as a bound parameter
        List<ObjectNode> logs = rows.query("SELECT message_cid, idx, topics, data FROM events FINAL"
                + " WHERE message_cid IN {c:Array(String)} AND eth_address = {e:String}"
                + " AND " + Canonical.among("SELECT height FROM events WHERE message_cid IN {c:Array(String)}")
                + " ORDER BY message_cid, idx LIMIT 1 BY message_cid, idx",
                Map.of("c", "[" + String.join(",", cids) + "]", "e", eth));
        ContractAbi abi = ContractAbi.parse(v.abi());
        Map<String, ArrayNode> byMessage = new java.util.HashMap<>();
        for (ObjectNode log : logs) {
            List<byte[]> topics = new ArrayList<>();
            log.path("topics").forEach(t -> topics.add(hex(t.asText())));
            abi.decodeLog(topics, hex(log.path("data").asText("0x")), actors.network()).ifPresent(d -> {
                ObjectNode e = byMessage.computeIfAbsent(log.path("message_cid").asText(), k -> ApiJson.MAPPER.createArrayNode())
                        .addObject();
                e.put("index", log.path("idx").asLong());
                e.setAll(d);
            });
        }
        items.forEach(i -> Optional.ofNullable(byMessage.get(i.path("cid").asText()))
                .ifPresent(events -> ((ObjectNode) i).set("events", events)));
    }

    private Map<String, VerifiedContract> verifiedAll(Set<String> eths) {
        ContractTools t = tools.get();
        if (t == null || eths.isEmpty()) {
            return Map.of();
        }
        try {
            return t.verification().store().findAll(eths);
        } catch (RuntimeException e) {
            throw ContractErrors.of(e, 0);
        }
    }

    Optional<VerifiedContract> verified(String eth) {
        try {
            return tools().verification().store().find(eth);
        } catch (RuntimeException e) {
            throw ContractErrors.of(e, 0);
        }
    }

    /** Throws 422 when there is no EVM code at {@code eth} (checked before a verification is queued). */
    void requireCode(String eth) {
        byte[] code = tools().lotus().ethGetCode(eth, "latest");
        if (code.length == 0) {
            throw new ApiException(422, "NOT_EVM_CONTRACT", "no contract code at " + eth + " (not an EVM contract, or not deployed)");
        }
    }

    /** The 0x form verifications and calls are keyed by: f410/0x as given; ID and robust forms through the index or the node. */
    String ethOf(AddressInput address) {
        Address a = address.address();
        if (a.protocol() == Address.DELEGATED && a.hasEthForm()) {
            return a.toEth();
        }
        Optional<String> indexed = actors.find(a).map(r -> r.forms().eth()).filter(e -> e != null && !e.startsWith("0xff0000"));
        if (indexed.isPresent()) {
            return indexed.get().toLowerCase(Locale.ROOT);
        }
        ContractTools t = tools.get();
        if (t != null) {
            try {
                String delegated = t.lotus().stateGetActor(a, lotus.TipSetKey.EMPTY).delegatedAddress();
                if (delegated != null && !delegated.isEmpty()) {
                    Address d = Address.parse(delegated);
                    if (d.hasEthForm()) {
                        return d.toEth();
                    }
                }
            } catch (lotus.LotusNotFoundException e) {
                throw ApiException.notFound(address.input() + " is not a known actor");
            } catch (lotus.LotusException e) {
                throw ApiException.unavailable("Lotus: " + e.getMessage());
            }
        }
        throw new ApiException(422, "NOT_EVM_CONTRACT", address.input() + " is not an EVM contract (it has no f410/0x address)");
    }

    private String ethOfText(String name, String text) {
        return ethOf(AddressInput.require(name, text));
    }

    void checkSize(String body) {
        int max = tools().maxSourceBytes();
        if (body.length() > max) {
            throw new ApiException(413, "UPLOAD_TOO_LARGE", "the body is " + body.length() + " bytes; the limit is " + max
                    + " (filflow.contracts.max-source-bytes)");
        }
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = ApiJson.MAPPER.readTree(body);
            if (node == null) {
                throw ApiException.badRequest("INVALID_BODY", "the body is empty; a JSON object is expected");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("INVALID_BODY", "the body is not JSON: " + RequestParams.shorten(String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
    }

    private static byte[] hex(String text) {
        String h = text.startsWith("0x") ? text.substring(2) : text;
        try {
            return HEX.parseHex(h);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
