package replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** {@code bin/lotus-replay}: serves a recorded network directory until interrupted. */
public final class LotusReplayMain {
    /**
     * Served without {@code --fixtures}: the repository's mainnet recordings, under the directory
     * named by the system property {@code filflow.home} ({@code bin/lotus-replay} sets it to the
     * project root; the working directory otherwise).
     */
    static final Path DEFAULT_FIXTURES = Path.of("fixtures", "lotus", "mainnet");

    private static final String USAGE = """
            usage: bin/lotus-replay [--fixtures DIR] [--port 1234] [--prefix f|t] [--token T] [--network NAME]
                                    [--addresses FILE]
                                    [--synthetic FROM --length N [--null-every K] [--grow-every-ms MS] [--replaced-messages]
                                     [--reorg-depth D (--reorg-after-requests R | --reorg-after-ms MS)]]
                                    [--fail-height H:TIMES:HTTP_503|RPC_ERROR ...] [--without-methods M1,M2]
                                    [--eth-node URL (Eth* methods go to this Ethereum JSON-RPC node)]
            """;

    private LotusReplayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ReplayConfig config;
        try {
            config = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("lotus-replay: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        ReplayNode node = ReplayNode.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "lotus-replay-stop"));
        System.out.println("lotus-replay serving " + config.fixtures() + " on " + node.url()
                + (config.synthetic() != null ? " (synthetic chain " + config.synthetic() + ")" : ""));
        stopped.await();
    }

    static ReplayConfig parse(List<String> argv) {
        Deque<String> args = new ArrayDeque<>(argv);
        Path fixtures = Path.of(System.getProperty("filflow.home", ".")).resolve(DEFAULT_FIXTURES);
        int port = 1234;
        char prefix = 'f';
        String token = null;
        String network = null;
        Path addresses = null;
        Long from = null;
        Long length = null;
        int nullEvery = 0;
        int reorgDepth = 0;
        long reorgRequests = 0;
        Duration reorgAfter = null;
        Duration grow = null;
        boolean replaced = false;
        Faults faults = Faults.none();
        String[] without = new String[0];
        java.net.URI ethNode = null;
        while (!args.isEmpty()) {
            String opt = args.pop();
            switch (opt) {
                case "--fixtures" -> fixtures = Path.of(value(args, opt));
                case "--port" -> port = Integer.parseInt(value(args, opt));
                case "--prefix" -> {
                    String p = value(args, opt);
                    if (!p.equals("f") && !p.equals("t")) {
                        throw new IllegalArgumentException("--prefix must be f or t");
                    }
                    prefix = p.charAt(0);
                }
                case "--token" -> token = value(args, opt);
                case "--network" -> network = value(args, opt);
                case "--addresses" -> addresses = Path.of(value(args, opt));
                case "--synthetic" -> from = Long.parseLong(value(args, opt));
                case "--length" -> length = Long.parseLong(value(args, opt));
                case "--null-every" -> nullEvery = Integer.parseInt(value(args, opt));
                case "--reorg-depth" -> reorgDepth = Integer.parseInt(value(args, opt));
                case "--reorg-after-requests" -> reorgRequests = Long.parseLong(value(args, opt));
                case "--reorg-after-ms" -> reorgAfter = Duration.ofMillis(Long.parseLong(value(args, opt)));
                case "--replaced-messages" -> replaced = true;
                case "--grow-every-ms" -> grow = Duration.ofMillis(Long.parseLong(value(args, opt)));
                case "--fail-height" -> {
                    String[] f = value(args, opt).split(":");
                    if (f.length != 3) {
                        throw new IllegalArgumentException("--fail-height wants HEIGHT:TIMES:KIND");
                    }
                    faults = faults.andFailHeight(Long.parseLong(f[0]), Integer.parseInt(f[1]),
                            Faults.Kind.valueOf(f[2].toUpperCase(Locale.ROOT)));
                }
                case "--without-methods" -> without = value(args, opt).split(",");
                case "--eth-node" -> ethNode = java.net.URI.create(value(args, opt));
                case "-h", "--help" -> throw new IllegalArgumentException("help");
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        if (!Files.isDirectory(fixtures)) {
            throw new IllegalArgumentException("--fixtures must name a directory of recorded files: " + fixtures);
        }
        ReplayConfig c = ReplayConfig.of(fixtures).withPort(port).withPrefix(prefix).withToken(token).withFaults(faults)
                .withoutMethods(without);
        if (ethNode != null) {
            c = c.withEthNode(ethNode);
        }
        if (network != null) {
            c = c.withNetwork(network);
        }
        if (addresses != null) {
            c = c.withAddressVectors(addresses);
        }
        if (from != null || length != null) {
            if (from == null || length == null) {
                throw new IllegalArgumentException("--synthetic and --length go together");
            }
            SyntheticOptions s = SyntheticOptions.of(from, length).withNullEvery(nullEvery);
            if (reorgDepth > 0 && reorgRequests > 0) {
                s = s.withReorgAfterRequests(reorgDepth, reorgRequests);
            } else if (reorgDepth > 0 && reorgAfter != null) {
                s = s.withReorg(reorgDepth, reorgAfter);
            } else if (reorgDepth > 0) {
                throw new IllegalArgumentException("--reorg-depth needs --reorg-after-requests or --reorg-after-ms");
            }
            if (grow != null) {
                s = s.withGrowth(grow);
            }
            if (replaced) {
                s = s.withReplacedMessages();
            }
            c = c.withSynthetic(s);
        }
        return c;
    }

    private static String value(Deque<String> args, String opt) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args.pop();
    }
}
