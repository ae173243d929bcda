package bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time by thread of a running JVM, from {@code jcmd <pid> Thread.print} (each thread's
 * {@code cpu=…ms}, the JVM's own threads — GC, JIT compilers — included). Two snapshots give what
 * each thread used in between, exactly, where sampling profilers only give shares of samples.
 */
final class ThreadCpu {
    private static final Pattern LINE = Pattern.compile("^\"(.*)\" .*?cpu=([0-9.]+)ms .*?nid=(0x[0-9a-f]+)");

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Double> millis = new HashMap<>();

    private ThreadCpu() {
    }

    /** The CPU time of every live thread of {@code pid} so far; empty if jcmd cannot attach. */
    static ThreadCpu snapshot(long pid) {
        ThreadCpu s = new ThreadCpu();
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    s.names.put(m.group(3), m.group(1));
                    s.millis.put(m.group(3), Double.parseDouble(m.group(2)));
                }
            }
        } catch (IOException e) {
            // no jcmd: no breakdown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    /** CPU seconds each thread group (name with numbers folded to #) used between {@code before} and this. */
    Map<String, Double> since(ThreadCpu before) {
        Map<String, Double> byGroup = new HashMap<>();
        millis.forEach((nid, ms) -> {
            double used = ms - (names.get(nid).equals(before.names.get(nid)) ? before.millis.getOrDefault(nid, 0.0) : 0.0);
            byGroup.merge(group(names.get(nid)), used / 1000, Double::sum);
        });
        return byGroup;
    }

    static String group(String threadName) {
        return threadName.replaceAll("[0-9]+", "#");
    }

    /** Prints the groups using most CPU first, with their milliseconds per unit of work. */
    static void print(PrintStream out, Map<String, Double> byGroup, long units, String unit, int top) {
        double total = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(byGroup.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        out.printf("  %7.1f s  %6.1f ms a %s  all threads alive at the end (threads that ended meanwhile not counted)%n",
                total, 1000 * total / Math.max(1, units), unit);
        for (Map.Entry<String, Double> e : sorted.subList(0, Math.min(top, sorted.size()))) {
            if (e.getValue() < 0.05) {
                break;
            }
            out.printf("  %7.1f s  %6.1f ms  %5.1f %%  %s%n", e.getValue(), 1000 * e.getValue() / Math.max(1, units),
                    100 * e.getValue() / Math.max(total, 1e-9), e.getKey());
        }
    }
}
