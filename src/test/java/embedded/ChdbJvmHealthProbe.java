package embedded;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Main class of a JVM that loads chDB the way {@link ChdbServer} does and then does what a JVM
 * needs its own signal handlers for: implicit null checks and division by zero in compiled code,
 * stack overflow, and garbage collection under multithreaded load while queries run. Prints one
 * line per check; exits 0 only if all passed. Run by {@code ChdbJvmHealthTest} with a timeout,
 * since the failure mode without the guard is a hang.
 */
public final class ChdbJvmHealthProbe {
    private static final int HOT_ITERATIONS = 300_000;
    private static volatile Object nothing;
    private static volatile int zero;

    private ChdbJvmHealthProbe() {
    }

    public static void main(String[] args) throws Exception {
        ChdbLibrary lib = ChdbLibrary.load(args[0]);
        ChdbConnection first = ChdbConnection.open(lib, Path.of(args[1]).toString());
        ChdbConnection second = ChdbConnection.open(lib, Path.of(args[1]).toString());
        System.out.println("connected, SIGSEGV handler is the JVM's");

        System.out.println("null pointer exceptions caught: " + nullPointers());
        System.out.println("arithmetic exceptions caught: " + divisionsByZero());
        System.out.println("stack overflow caught: " + stackOverflow());
        System.out.println("queries during gc load: " + queriesUnderGcLoad(List.of(first, second)));
        first.close();
        second.close();
        System.out.println("ALL OK");
        System.exit(0);
    }

    private static int nullPointers() {
        int caught = 0;
        for (int i = 0; i < HOT_ITERATIONS; i++) {
            try {
                caught += nothing.hashCode();
            } catch (NullPointerException e) {
                caught++;
            }
        }
        return caught;
    }

    private static int divisionsByZero() {
        int caught = 0;
        for (int i = 0; i < HOT_ITERATIONS; i++) {
            try {
                caught += i / zero;
            } catch (ArithmeticException e) {
                caught++;
            }
        }
        return caught;
    }

    private static boolean stackOverflow() {
        try {
            return recurse(0) < 0;
        } catch (StackOverflowError e) {
            return true;
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /** Two threads query chDB (checking each answer) while four allocate and force collections. */
    private static int queriesUnderGcLoad(List<ChdbConnection> connections) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> queries = new ArrayList<>();
        for (ChdbConnection connection : connections) {
            queries.add(pool.submit(() -> {
                int done = 0;
                while (running.get()) {
                    String answer = query(connection, "SELECT sum(number) FROM numbers(1000000)");
                    if (!"499999500000".equals(answer)) {
                        throw new IllegalStateException("wrong answer " + answer);
                    }
                    done++;
                }
                return done;
            }));
        }
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                List<byte[]> keep = new ArrayList<>();
                for (long i = 0; running.get(); i++) {
                    keep.add(new byte[1024 + (int) (i % 4096)]);
                    if (keep.size() > 2_000) {
                        keep.clear();
                    }
                    if (i % 50_000 == 0) {
                        System.gc();
                    }
                }
                return null;
            });
        }
        Thread.sleep(3_000);
        running.set(false);
        int total = 0;
        for (Future<Integer> query : queries) {
            total += query.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return total;
    }

    private static String query(ChdbConnection connection, String sql) {
        try (ChdbConnection.Result result = connection.query(sql.getBytes(StandardCharsets.UTF_8), "TabSeparated",
                List.of(), List.of())) {
            if (result.error() != null) {
                throw new IllegalStateException(result.error());
            }
            var data = result.data();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8).trim();
        }
    }
}
