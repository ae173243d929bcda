package pipeline;

import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * How the archive's ZIP entries are compressed ({@code filflow.pipeline.archive.compression}):
 * {@code stored} (no compression), {@code huffman} (Deflate without string matching) or
 * {@code deflate-1} … {@code deflate-9} (Deflate at that level). Every choice is a standard ZIP
 * entry method, so files written with any of them, before or after a change, read the same
 * ({@code unzip}, {@link java.util.zip.ZipFile}). The costs measured are in docs/PERFORMANCE.md.
 */
record ArchiveCompression(String name, int method, int level, int strategy) {
    /** What the archive was written with before the choice existed. */
    static final ArchiveCompression DEFLATE_FASTEST = parse("deflate-1");

    static ArchiveCompression parse(String name) {
        String n = name.trim();
        if (n.equals("stored")) {
            return new ArchiveCompression(n, ZipEntry.STORED, Deflater.NO_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        }
        if (n.equals("huffman")) {
            return new ArchiveCompression(n, ZipEntry.DEFLATED, Deflater.BEST_SPEED, Deflater.HUFFMAN_ONLY);
        }
        if (n.matches("deflate-[1-9]")) {
            return new ArchiveCompression(n, ZipEntry.DEFLATED, n.charAt(n.length() - 1) - '0',
                    Deflater.DEFAULT_STRATEGY);
        }
        throw new IllegalArgumentException("archive compression '" + name
                + "': expected stored, huffman or deflate-1 … deflate-9");
    }

    /** A ZIP stream over {@code out} whose entries are compressed this way. */
    ZipOutputStream open(OutputStream out) {
        ZipOutputStream zip = new ZipOutputStream(out) {
            {
                def.setStrategy(strategy); // kept across entries: Deflater.reset keeps level and strategy
            }
        };
        zip.setMethod(method);
        zip.setLevel(level);
        return zip;
    }

    /** The entry for {@code content}: a stored entry must say its size and CRC before its bytes. */
    ZipEntry entry(String name, byte[] content) {
        ZipEntry e = new ZipEntry(name);
        if (method == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(content);
            e.setSize(content.length);
            e.setCompressedSize(content.length);
            e.setCrc(crc.getValue());
        }
        return e;
    }
}
