package replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A bare JSON-RPC caller: checks the wire format (status codes, envelope) independently of any Lotus client. */
final class RawRpc {
    record Reply(int status, byte[] body) {
        JsonNode json() {
            try {
                return Fixtures.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(new String(body), e);
            }
        }

        JsonNode result() {
            return json().get("result");
        }

        JsonNode error() {
            return json().get("error");
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI url;
    private final String token;

    RawRpc(URI url) {
        this(url, null);
    }

    RawRpc(URI url, String token) {
        this.url = url;
        this.token = token;
    }

    Reply call(String method, Object... params) {
        ObjectNode req = Fixtures.MAPPER.createObjectNode();
        req.put("jsonrpc", "2.0");
        req.put("id", 7);
        req.put("method", method);
        ArrayNode ps = req.putArray("params");
        for (Object p : params) {
            ps.add(Fixtures.MAPPER.valueToTree(p));
        }
        return post(req.toString());
    }

    Reply post(String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode cid(String cid) {
        return Fixtures.MAPPER.createObjectNode().put("/", cid);
    }

    static JsonNode key(JsonNode tipset) {
        return tipset.get("Cids");
    }
}
