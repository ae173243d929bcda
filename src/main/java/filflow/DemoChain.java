package filflow;

import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's Lotus node (profile {@code demo}, {@code bin/demo}): the replay node's synthetic
 * chain over the repository's mainnet recordings, in-process and offline. It starts a few
 * heights long, grows one height every {@code filflow.demo.grow-every-ms} and now and then
 * moves its last tipsets onto a new branch (a reorg), so follow mode shows a live chain, EVM
 * deployment included (the cycle replays mainnet 3573064). filflow follows it from its first height.
 * The chain is built (its recordings parsed) while the engines start.
 */
final class DemoChain extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(DemoChain.class);
    /**
     * Heights the chain has when filflow starts following it: few, so the first follow plan is a
     * small batch (up to head - confidence, i.e. 4 heights at the demo's confidence 2), the fourth
     * of which is the replayed EVM deployment.
     */
    static final long INITIAL_LENGTH = 6;

    private final ReplayNode node;
    private final ScheduledExecutorService reorgs;

    private DemoChain(ReplayNode node, ScheduledExecutorService reorgs) {
        this.node = node;
        this.reorgs = reorgs;
    }

    /**
     * Starts building the chain in the background when the demo is enabled: once built, it
     * points {@code lotus.url} and the follow job's start height at it. The future's value is null
     * when the demo is off.
     */
    static CompletableFuture<DemoChain> startIfEnabled(Settings settings, PropertiesComponent properties) {
        if (!Boolean.parseBoolean(settings.get(ConfigKey.FILFLOW_DEMO_ENABLED))) {
            return CompletableFuture.completedFuture(null);
        }
        Path fixtures = Path.of(settings.get(ConfigKey.FILFLOW_DEMO_FIXTURES));
        if (!Files.isDirectory(fixtures)) {
            throw new IllegalStateException("the demo replays the recordings in " + fixtures.toAbsolutePath()
                    + ", which is not a directory: run it from the project root or set FILFLOW_DEMO_FIXTURES");
        }
        return CompletableFuture.supplyAsync(() -> start(settings, properties, fixtures), task -> {
            Thread t = new Thread(task, "demo-chain-start");
            t.setDaemon(true);
            t.start();
        });
    }

    /** The started chain of {@link #startIfEnabled} (null when the demo is off); its failure as thrown. */
    static DemoChain join(CompletableFuture<DemoChain> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Stops the chain once it has started, for a start-up that failed elsewhere. */
    static void stopWhenStarted(CompletableFuture<DemoChain> starting) {
        starting.thenAccept(chain -> {
            if (chain != null) {
                chain.stop();
            }
        });
    }

    private static DemoChain start(Settings settings, PropertiesComponent properties, Path fixtures) {
        long began = System.nanoTime();
        long from = Long.parseLong(settings.get(ConfigKey.FILFLOW_DEMO_FROM_HEIGHT));
        Duration grow = Duration.ofMillis(Long.parseLong(settings.get(ConfigKey.FILFLOW_DEMO_GROW_EVERY_MS)));
        long reorgEvery = Long.parseLong(settings.get(ConfigKey.FILFLOW_DEMO_REORG_EVERY_MS));
        int reorgDepth = Integer.parseInt(settings.get(ConfigKey.FILFLOW_DEMO_REORG_DEPTH));
        ReplayNode node = ReplayNode.start(ReplayConfig.of(fixtures)
                .withSynthetic(SyntheticOptions.of(from, INITIAL_LENGTH).withGrowth(grow)));
        ScheduledExecutorService reorgs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-reorg");
            t.setDaemon(true);
            return t;
        });
        if (reorgEvery > 0 && reorgDepth > 0) {
            reorgs.scheduleAtFixedRate(() -> {
                node.reorg(reorgDepth);
                LOG.info("demo chain: reorg, the last {} tipsets moved to a new branch", reorgDepth);
            }, reorgEvery, reorgEvery, TimeUnit.MILLISECONDS);
        }
        properties.addOverrideProperty(ConfigKey.LOTUS_URL.property(), node.url().toString());
        properties.addOverrideProperty(ConfigKey.FILFLOW_JOBS_FOLLOW_START_HEIGHT.property(), Long.toString(from));
        LOG.info("demo chain: synthetic mainnet chain from height {} over {} at {}, one more height every {} s, "
                + "a {}-tipset reorg every {} s; built in {} ms", from, fixtures, node.url(), grow.toSeconds(), reorgDepth,
                reorgEvery / 1000, (System.nanoTime() - began) / 1_000_000);
        return new DemoChain(node, reorgs);
    }

    @Override
    protected void doStop() {
        reorgs.shutdownNow();
        node.close();
    }
}
