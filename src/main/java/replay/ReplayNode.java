package replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Lotus JSON-RPC node on loopback that serves recorded chain data (or a synthetic chain built
 * from it): {@code POST /rpc/v1} (and {@code /rpc/v0}). Start with {@link #start(ReplayConfig)},
 * point a Lotus client at {@link #url()}, {@link #close()} when done.
 */
public final class ReplayNode implements AutoCloseable {
    static {
        // The JDK server delays small responses by ~40 ms (Nagle) unless told otherwise; read once at class load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final JsonRpcEndpoint endpoint;
    private final ChainView chain;

    private ReplayNode(HttpServer server, ExecutorService executor, JsonRpcEndpoint endpoint, ChainView chain) {
        this.server = server;
        this.executor = executor;
        this.endpoint = endpoint;
        this.chain = chain;
    }

    public static ReplayNode start(ReplayConfig config) {
        ObjectMapper mapper = new ObjectMapper();
        RecordedChain recorded = new RecordedChain(new FixtureDirectory(config.fixtures()), config.prefix(), mapper);
        if (config.synthetic() != null) {
            throw new UnsupportedOperationException("synthetic chain mode is not built yet");
        }
        ChainView chain = recorded;
        ReplayAdmin admin = new ReplayAdmin(config.faults(), chain);
        NodeFacts facts = new NodeFacts(recorded, config.network(), mapper);
        MethodTable methods = MethodTable.lotus(chain, facts, admin);
        JsonRpcEndpoint endpoint = new JsonRpcEndpoint(methods, mapper, config.token(), () -> { });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 256);
            AtomicInteger n = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()),
                    r -> {
                        Thread t = new Thread(r, "lotus-replay-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            server.setExecutor(executor);
            server.createContext("/rpc/v1", endpoint);
            server.createContext("/rpc/v0", endpoint);
            server.start();
            return new ReplayNode(server, executor, endpoint, chain);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + config.port(), e);
        }
    }

    /** The JSON-RPC endpoint, {@code http://127.0.0.1:PORT/rpc/v1}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port() + "/rpc/v1");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** JSON-RPC requests served so far. */
    public long requests() {
        return endpoint.requests();
    }

    /**
     * The CID under which the node serves ChainGetParentMessages/ChainGetParentReceipts for the
     * child of the recorded tipset {@code parentTipSetCids}: children are not recorded, so the
     * node names one (a dag-cbor BLAKE2b-256 CIDv1 over the parent key).
     */
    public static String childBlockCid(List<String> parentTipSetCids) {
        return RecordedChain.childCid(parentTipSetCids);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
