package bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flame summary of a JFR recording's CPU samples ({@code jdk.ExecutionSample}): the share of
 * samples by the innermost project frame on the stack (what our code was doing, inclusive), by the
 * top frame (where the CPU actually was, self), and the collapsed stacks ({@code a;b;c count}) for
 * any flame-graph tool. {@code java bench.JfrSummary FILE.jfr [top]} prints it.
 */
public final class JfrSummary {
    private static final List<String> OWN = List.of("pipeline.", "archive.", "trace.", "lotus.", "storage.", "codec.",
            "replay.", "embedded.", "routes.", "api.", "contracts.", "filflow.", "history.", "rosetta.", "accounts.");

    private final Map<String, Long> byOwnFrame = new HashMap<>();
    private final Map<String, Long> byTopFrame = new HashMap<>();
    private final Map<String, Long> byThread = new HashMap<>();
    private final Map<String, Long> collapsed = new HashMap<>();
    private long samples;

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        Instant from = args.length > 2 ? Instant.parse(args[2]) : null;
        Instant to = args.length > 3 ? Instant.parse(args[3]) : null;
        JfrSummary s = read(Path.of(args[0]), from, to);
        s.print(System.out, args.length > 1 ? Integer.parseInt(args[1]) : 25);
    }

    /** Reads the CPU samples of a recording taken between {@code from} and {@code to} (null: all). */
    static JfrSummary read(Path recording, Instant from, Instant to) throws IOException {
        JfrSummary s = new JfrSummary();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                if ((from != null && e.getStartTime().isBefore(from)) || (to != null && e.getStartTime().isAfter(to))) {
                    continue;
                }
                s.add(e.getStackTrace());
                jdk.jfr.consumer.RecordedThread t = e.getThread("sampledThread");
                if (t != null && e.getStackTrace() != null) {
                    String name = t.getJavaName() == null ? t.getOSName() : t.getJavaName();
                    s.byThread.merge(name.replaceAll("[0-9]+", "#"), 1L, Long::sum);
                }
            }
        }
        return s;
    }

    private void add(RecordedStackTrace trace) {
        if (trace == null || trace.getFrames().isEmpty()) {
            return;
        }
        samples++;
        List<RecordedFrame> frames = trace.getFrames();
        byTopFrame.merge(name(frames.get(0)), 1L, Long::sum);
        String own = null;
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (OWN.stream().anyMatch(n::startsWith)) {
                own = n;
                break;
            }
        }
        byOwnFrame.merge(own == null ? "(no project frame) " + name(frames.get(frames.size() - 1)) : own, 1L, Long::sum);
        StringBuilder stack = new StringBuilder();
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (stack.length() > 0) {
                stack.append(';');
            }
            stack.append(name(frames.get(i)));
        }
        collapsed.merge(stack.toString(), 1L, Long::sum);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    long samples() {
        return samples;
    }

    void print(PrintStream out, int top) {
        out.printf("CPU samples: %d%n", samples);
        out.println("by innermost project frame (inclusive: what filflow's code was doing):");
        top(byOwnFrame, top).forEach(l -> out.println("  " + l));
        out.println("by thread (numbers folded):");
        top(byThread, 12).forEach(l -> out.println("  " + l));
        out.println("by top frame (self: where the CPU was):");
        top(byTopFrame, top).forEach(l -> out.println("  " + l));
    }

    /** Writes the collapsed stacks, one {@code frame;frame;... count} a line (flamegraph.pl, speedscope). */
    void writeCollapsed(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            for (Map.Entry<String, Long> e : collapsed.entrySet()) {
                w.write(e.getKey() + " " + e.getValue() + "\n");
            }
        }
    }

    private List<String> top(Map<String, Long> counts, int n) {
        List<String> lines = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> lines.add(String.format("%5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
        return lines;
    }
}
