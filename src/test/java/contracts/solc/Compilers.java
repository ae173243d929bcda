package contracts.solc;

import java.nio.file.Path;
import java.time.Duration;

/** The one solc release the tests compile with (fetched once into the cache), and a shared worker pool. */
public final class Compilers {
    public static final SolcVersion SOLC = SolcVersion.parse("v0.8.24+commit.e11b9ed9").orElseThrow();
    private static CompilerWorkers workers;

    private Compilers() {
    }

    public static Path soljson() {
        return SolcCache.standard().soljson(SOLC);
    }

    /** Two workers kept for the test JVM (compilers stay warm between test classes). */
    public static synchronized CompilerWorkers workers() {
        if (workers == null) {
            workers = new CompilerWorkers(2, Duration.ofMinutes(2));
            Runtime.getRuntime().addShutdownHook(new Thread(workers::close, "compiler-workers-stop"));
        }
        return workers;
    }
}
