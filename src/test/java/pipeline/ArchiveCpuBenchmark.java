package pipeline;

import archive.ArchiveStore;
import archive.FileArchiveStore;
import codec.actors.CallDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import replay.SyntheticOptions;
import storage.rows.MessageRow;
import storage.rows.Row;
import storage.rows.SubcallRow;

/**
 * CPU time of the archive alone per mainnet-like tipset, and its parts: the rows of a few
 * synthetic heights extracted once, then each height's archive built again and again on this
 * thread into a store that counts the bytes and drops them (the disk's fsync stays out); then the
 * same files' JSON alone, their Deflate alone as the ZIP holds them (a message under two blocks
 * twice), and their Deflate once per distinct file (what compressing each message once could save
 * at most); then the archive with each {@code -Dbench.compressions} choice, interleaved height by
 * height ({@link ArchiveCompression}), dropped as above and written to a {@link FileArchiveStore} in a
 * temp directory (file writes and fsync: this thread's system time). Thread CPU time, so other processes on a shared machine do not count. Prints, never
 * asserts: {@code mvn -o test -Dgroups=benchmark -DexcludedGroups= -Dtest=ArchiveCpuBenchmark
 * [-Dbench.rounds=6 -Dbench.heights=4]}
 */
@Tag("benchmark")
class ArchiveCpuBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    record Message(MessageRow row, List<SubcallRow> subs) {
    }

    @Test
    void cpuPerTipset() throws IOException {
        int rounds = Integer.getInteger("bench.rounds", 6);
        int heights = Integer.getInteger("bench.heights", 4);
        long from = 5_000_000;
        List<List<Message>> tipsets = new ArrayList<>();
        ReplayConfig config = ReplayConfig.of(FixtureCounts.LOTUS.resolve("mainnet"))
                .withSynthetic(SyntheticOptions.of(from, heights + 10L));
        try (ReplayNode node = ReplayNode.start(config)) {
            LotusClient lotus = new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry());
            HeightExtractor extractor = new HeightExtractor(lotus, new ActorCache(lotus, 10_000),
                    CallDecoder.standard(), () -> "mainnet", null);
            for (long h = from; h < from + heights; h++) {
                tipsets.add(messages(extractor.extract(h).rows()));
            }
        }
        Counting store = new Counting();
        Path diskDir = Files.createTempDirectory("archive-bench");
        FileArchiveStore disk = new FileArchiveStore(diskDir);
        List<ArchiveCompression> compressions = java.util.Arrays.stream(
                System.getProperty("bench.compressions", "stored,huffman,deflate-1,deflate-2,deflate-6").split(","))
                .map(ArchiveCompression::parse).toList();
        for (int round = 0; round < rounds; round++) {
            long[] byCompressionCpu = new long[compressions.size()];
            long[] byCompressionOnDiskCpu = new long[compressions.size()];
            long[] byCompressionBytes = new long[compressions.size()];
            long archiveCpu = 0;
            long jsonCpu = 0;
            long deflateCpu = 0;
            long deflateOnceCpu = 0;
            long archiveBytes = 0;
            long rawBytes = 0;
            for (int i = 0; i < tipsets.size(); i++) {
                List<Message> t = tipsets.get(i);
                long t0 = THREADS.getCurrentThreadCpuTime();
                ArchiveLayout layout = new ArchiveLayout(from + i, store);
                t.forEach(m -> layout.message(m.row(), m.subs()));
                layout.finish();
                long t1 = THREADS.getCurrentThreadCpuTime();
                archiveBytes += store.take();
                List<byte[]> files = new ArrayList<>();
                List<Integer> copies = new ArrayList<>();
                for (Message m : t) {
                    int folders = m.row().implicit() == 1 ? 1 : Math.max(1, m.row().blockCids().size());
                    files.add(ArchiveLayout.dataJson(m.row()));
                    files.add(ArchiveLayout.treeJson(m.row(), m.subs()));
                    copies.add(folders);
                    copies.add(folders);
                }
                long t2 = THREADS.getCurrentThreadCpuTime();
                rawBytes += deflate(files, copies);
                long t3 = THREADS.getCurrentThreadCpuTime();
                deflate(files, null);
                long t4 = THREADS.getCurrentThreadCpuTime();
                for (int c = 0; c < compressions.size(); c++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    ArchiveLayout other = new ArchiveLayout(from + i, store, compressions.get(c));
                    t.forEach(m -> other.message(m.row(), m.subs()));
                    other.finish();
                    long c1 = THREADS.getCurrentThreadCpuTime();
                    ArchiveLayout onDisk = new ArchiveLayout(from + i, disk, compressions.get(c));
                    t.forEach(m -> onDisk.message(m.row(), m.subs()));
                    onDisk.finish();
                    long c2 = THREADS.getCurrentThreadCpuTime();
                    Files.delete(diskDir.resolve(ArchiveLayout.filePath(from + i)));
                    byCompressionCpu[c] += c1 - c0;
                    byCompressionOnDiskCpu[c] += c2 - c1;
                    byCompressionBytes[c] += store.take();
                }
                archiveCpu += t1 - t0;
                jsonCpu += t2 - t1;
                deflateCpu += t3 - t2;
                deflateOnceCpu += t4 - t3;
            }
            int n = tipsets.size();
            System.out.printf("round %d: CPU a tipset: archive (ZIP as written) %.1f ms, %d KiB; of it the JSON"
                            + " %.1f ms, Deflate of every entry %.1f ms (%d KiB in), Deflate of each file once"
                            + " %.1f ms; load %.1f%n", round, archiveCpu / 1e6 / n, archiveBytes / 1024 / n,
                    jsonCpu / 1e6 / n, deflateCpu / 1e6 / n, rawBytes / 1024 / n, deflateOnceCpu / 1e6 / n,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (int c = 0; c < compressions.size(); c++) {
                System.out.printf("round %d: compression %-9s %.1f ms CPU (written to a file and fsynced: %.1f ms),"
                        + " %d KiB a tipset%n", round, compressions.get(c).name(), byCompressionCpu[c] / 1e6 / n,
                        byCompressionOnDiskCpu[c] / 1e6 / n, byCompressionBytes[c] / 1024 / n);
            }
        }
        System.out.printf("machine: %d cores, java %s, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Deflates (fastest level, as the archive) each file {@code copies} times (once if null); returns the bytes in. */
    private static long deflate(List<byte[]> files, List<Integer> copies) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        byte[] out = new byte[1 << 16];
        long in = 0;
        for (int f = 0; f < files.size(); f++) {
            for (int c = 0, n = copies == null ? 1 : copies.get(f); c < n; c++) {
                deflater.reset();
                deflater.setInput(files.get(f));
                deflater.finish();
                while (!deflater.finished()) {
                    deflater.deflate(out);
                }
                in += files.get(f).length;
            }
        }
        deflater.end();
        return in;
    }

    private static List<Message> messages(List<Row> rows) {
        Map<String, List<SubcallRow>> subs = new LinkedHashMap<>();
        List<MessageRow> messages = new ArrayList<>();
        for (Row r : rows) {
            if (r instanceof MessageRow m) {
                messages.add(m);
            } else if (r instanceof SubcallRow s) {
                subs.computeIfAbsent(s.messageCid(), k -> new ArrayList<>()).add(s);
            }
        }
        return messages.stream().map(m -> new Message(m, subs.getOrDefault(m.cid(), List.of()))).toList();
    }

    /** Counts what is written and keeps nothing. */
    private static final class Counting implements ArchiveStore {
        private long bytes;

        long take() {
            long b = bytes;
            bytes = 0;
            return b;
        }

        @Override
        public Upload open(String relativePath) {
            OutputStream out = new OutputStream() {
                @Override
                public void write(int b) {
                    bytes++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes += len;
                }
            };
            return new Upload() {
                @Override
                public OutputStream stream() {
                    return out;
                }

                @Override
                public void commit() {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
