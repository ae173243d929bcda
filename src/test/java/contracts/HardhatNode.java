package contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Hardhat network node (the real EVM of the contract tests) on a free loopback port, with the
 * chain id of the project's config; {@link #close()} kills it, and so does the JVM's exit.
 */
public final class HardhatNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final URI url;
    private final Thread reaper;

    private HardhatNode(Process process, URI url) {
        this.process = process;
        this.url = url;
        this.reaper = new Thread(process::destroyForcibly, "hardhat-node-stop");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public static HardhatNode start(HardhatProject project) {
        int port = freePort();
        try {
            Path log = Files.createTempFile(project.dir(), "node", ".log");
            ProcessBuilder pb = new ProcessBuilder("node", project.cli().toString(), "node", "--hostname", "127.0.0.1",
                    "--port", Integer.toString(port)).directory(project.dir().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(project.environment());
            HardhatNode node = new HardhatNode(pb.start(), URI.create("http://127.0.0.1:" + port + "/"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!node.process.isAlive()) {
                    throw new IllegalStateException("hardhat node exited: " + Files.readString(log));
                }
                try {
                    node.rpc("eth_chainId");
                    return node;
                } catch (UncheckedIOException notYet) {
                    Thread.sleep(250);
                }
            }
            node.close();
            throw new IllegalStateException("hardhat node did not answer in 90 s: " + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI url() {
        return url;
    }

    /** A JSON-RPC call; an error answer throws with its message. */
    public JsonNode rpc(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", 1);
        request.put("method", method);
        ArrayNode p = request.putArray("params");
        for (Object o : params) {
            p.add(JSON.valueToTree(o));
        }
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(r.body());
            if (answer.hasNonNull("error")) {
                throw new IllegalStateException(method + ": " + answer.get("error"));
            }
            return answer.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String firstAccount() {
        return rpc("eth_accounts").get(0).asText();
    }

    /** Sends a transaction from the first unlocked account and returns its receipt (mined at once). */
    JsonNode send(String to, String data) {
        ObjectNode tx = JSON.createObjectNode();
        tx.put("from", firstAccount());
        if (to != null) {
            tx.put("to", to);
        }
        tx.put("data", data);
        String hash = rpc("eth_sendTransaction", tx).asText();
        return rpc("eth_getTransactionReceipt", hash);
    }

    /** Deploys {@code creationCode} (bytecode + encoded constructor arguments, 0x hex); the new contract's address. */
    String deploy(String creationCode) {
        return send(null, creationCode).get("contractAddress").asText();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
