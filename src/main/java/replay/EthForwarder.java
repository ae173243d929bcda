package replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The replay node's {@code --eth-node URL}: Lotus's Ethereum methods ({@code Filecoin.EthGetCode},
 * {@code Filecoin.EthCall}, {@code Filecoin.EthGetTransactionReceipt}, …, and their {@code eth_*}
 * aliases) go to a real Ethereum JSON-RPC node (a Hardhat network node in tests), so contracts
 * deployed there are FEVM contracts to filflow and every call is executed by that EVM. Answers and
 * errors (with a revert's {@code data}) come back unchanged. Lotus-only methods that need CIDs
 * ({@code EthGetMessageCidByTransactionHash}, {@code EthGetTransactionHashByCid}) and the recorded
 * {@code EthGetLogs} stay with the replay node.
 */
final class EthForwarder {
    private static final Pattern LOTUS_ETH = Pattern.compile("Filecoin\\.Eth([A-Z][A-Za-z0-9]*)");
    private static final int EXECUTION_REVERTED = 3;
    /** Lotus's own Eth* methods about CIDs and Filecoin addresses: no Ethereum node has them. */
    private static final java.util.Set<String> LOTUS_ONLY = java.util.Set.of("Filecoin.EthGetMessageCidByTransactionHash",
            "Filecoin.EthGetTransactionHashByCid", "Filecoin.EthAddressToFilecoinAddress");
    private static final Pattern ETH_ALIAS = Pattern.compile("(eth|net|web3)_[A-Za-z0-9]+");

    private final URI node;
    private final ObjectMapper mapper;
    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

    EthForwarder(URI node, ObjectMapper mapper) {
        this.node = node;
        this.mapper = mapper;
    }

    boolean forwards(String method) {
        return ethName(method) != null;
    }

    /** {@code Filecoin.EthGetCode} → {@code eth_getCode}; {@code eth_*}, {@code net_*}, {@code web3_*} as they are; else null. */
    static String ethName(String method) {
        if (LOTUS_ONLY.contains(method)) {
            return null;
        }
        if (ETH_ALIAS.matcher(method).matches()) {
            return method;
        }
        var m = LOTUS_ETH.matcher(method);
        if (!m.matches()) {
            return null;
        }
        String rest = m.group(1);
        return "eth_" + rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
    }

    RpcBody forward(String method, JsonNode params) {
        ObjectNode request = mapper.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", ids.incrementAndGet());
        request.put("method", ethName(method));
        request.set("params", params);
        JsonNode answer;
        try {
            HttpURLConnection c = (HttpURLConnection) node.toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(60_000);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                mapper.writeValue(out, request);
            }
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                answer = in == null ? null : mapper.readTree(in);
            }
            if (answer == null || !answer.isObject()) {
                throw RpcException.method("eth node " + node + " answered HTTP " + status + " without a JSON-RPC object");
            }
        } catch (IOException e) {
            throw RpcException.method("eth node " + node + " is unreachable: " + e.getMessage());
        }
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            JsonNode revert = revertData(error.get("data"));
            // a revert travels as Lotus and geth send it: code 3 ("execution reverted") with the return data
            int code = revert != null ? EXECUTION_REVERTED : error.path("code").asInt(RpcException.METHOD_ERROR);
            throw new RpcException(code, error.path("message").asText("eth node error"), revert);
        }
        try {
            return RpcBody.of(mapper.writeValueAsBytes(answer.get("result")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A revert's return data: a hex string, or inside an object ({@code {data: "0x…"}}) as some nodes nest it. */
    private static JsonNode revertData(JsonNode data) {
        JsonNode hex = data != null && data.isObject() ? data.get("data") : data;
        return hex != null && hex.isTextual() && hex.asText().startsWith("0x") ? hex : null;
    }
}
