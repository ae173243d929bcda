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
import java.util.concurrent.ScheduledExecutorService;
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
    private final ScheduledExecutorService timer;
    private final JsonRpcEndpoint endpoint;
    private final ReplayAdmin admin;
    private final SyntheticChain synthetic;

    private ReplayNode(HttpServer server, ExecutorService executor, ScheduledExecutorService timer, JsonRpcEndpoint endpoint,
                       ReplayAdmin admin, SyntheticChain synthetic) {
        this.server = server;
        this.executor = executor;
        this.timer = timer;
        this.endpoint = endpoint;
        this.admin = admin;
        this.synthetic = synthetic;
    }

    /** Timed reorg and head growth of a synthetic chain, on one daemon thread. */
    private static ScheduledExecutorService schedule(SyntheticChain chain, SyntheticOptions options) {
        if (options.reorgAfter() == null && options.growEvery() == null) {
            return null;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lotus-replay-timer");
            t.setDaemon(true);
            return t;
        });
        if (options.reorgAfter() != null) {
            timer.schedule(() -> chain.reorg(options.reorgDepth()), options.reorgAfter().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (options.growEvery() != null) {
            long every = Math.max(1, options.growEvery().toMillis());
            timer.scheduleAtFixedRate(() -> chain.advance(1), every, every, TimeUnit.MILLISECONDS);
        }
        return timer;
    }

    public static ReplayNode start(ReplayConfig config) {
        ObjectMapper mapper = new ObjectMapper();
        RecordedChain recorded = new RecordedChain(new FixtureDirectory(config.fixtures()), config.prefix(), mapper);
        SyntheticChain synthetic = config.synthetic() == null ? null : new SyntheticChain(recorded, config.synthetic(), mapper);
        ServedChain chain = synthetic != null ? synthetic : recorded;
        ReplayAdmin admin = new ReplayAdmin(config.faults(), chain);
        NodeFacts facts = new NodeFacts(recorded, config.network(), mapper);
        RecordedAddresses addresses = new RecordedAddresses(recorded, chain, config.prefix(), mapper, config.addressVectors(),
                config.network());
        RecordedEvents recordedEvents = new RecordedEvents(recorded, mapper);
        EventSource events = synthetic != null ? new SyntheticEvents(synthetic, recordedEvents) : recordedEvents;
        RpcMethods methods = RpcMethods.lotus(chain, facts, addresses, new EventLogs(events, mapper), admin);
        if (synthetic != null) {
            synthetic.registerAdmin(methods);
        }
        methods.without(config.withoutMethods());
        JsonRpcEndpoint endpoint = new JsonRpcEndpoint(methods, mapper, config.token(),
                synthetic != null ? synthetic::onRequest : () -> { });
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
            ScheduledExecutorService timer = synthetic == null ? null : schedule(synthetic, config.synthetic());
            return new ReplayNode(server, executor, timer, endpoint, admin, synthetic);
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

    /** As RPC {@code Replay.Reorg}: the last {@code depth} tipsets of the synthetic chain move to a new branch. */
    public void reorg(int depth) {
        syntheticChain().reorg(depth);
    }

    /** As RPC {@code Replay.AdvanceHead}: the synthetic chain's head grows by {@code n} heights. */
    public void advanceHead(long n) {
        syntheticChain().advance(n);
    }

    /** As RPC {@code Replay.FailHeight}: StateCompute at {@code height} fails the next {@code times} times. */
    public void failHeight(long height, int times, Faults.Kind kind) {
        admin.failHeight(height, times, kind);
    }

    private SyntheticChain syntheticChain() {
        if (synthetic == null) {
            throw new IllegalStateException("this node serves recordings, not a synthetic chain");
        }
        return synthetic;
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
        if (timer != null) {
            timer.shutdownNow();
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
