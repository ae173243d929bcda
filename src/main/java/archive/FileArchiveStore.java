package archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default store: a directory tree under {@code DATA_DIR/archive}. Each file is streamed
 * to {@code .incoming/} (64 KiB in memory at most), flushed to the disk, renamed into place, and its directory flushed: after
 * a crash of the process or of the machine a file is either absent or complete. Whatever a
 * {@code kill -9} left in {@code .incoming/} is removed when the store opens (the names carry the
 * writer's process id, so the temp files of another live instance on the same directory stay).
 */
public final class FileArchiveStore implements ArchiveStore {
    /** Temp files live here, on the same file system as their targets (so the rename is atomic). */
    public static final String INCOMING = ".incoming";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** What a file being written holds in memory at most before it goes to the temp file. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path root;
    private final Path incoming;

    public FileArchiveStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(INCOMING);
        try {
            Files.createDirectories(incoming);
            sweep(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the archive at " + this.root, e);
        }
    }

    @Override
    public Upload open(String relativePath) throws IOException {
        Path target = resolve(relativePath);
        Files.createDirectories(target.getParent());
        Path temp = incoming.resolve(ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        return new FileUpload(temp, target);
    }

    /** Streams into a temp file of {@code .incoming/}; commit flushes it to the disk and renames it into place. */
    private static final class FileUpload implements Upload {
        private final Path temp;
        private final Path target;
        private final FileChannel channel;
        private final OutputStream stream;
        private boolean committed;

        FileUpload(Path temp, Path target) throws IOException {
            this.temp = temp;
            this.target = target;
            this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public void commit() throws IOException {
            stream.flush();
            // the bytes reach the disk before the name does: no empty or short file after a power loss
            channel.force(true);
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
            forceDirectory(target.getParent());
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                channel.close();
                Files.deleteIfExists(temp);
            }
        }
    }

    private Path resolve(String relativePath) {
        Path p = root.resolve(relativePath).normalize();
        if (!p.startsWith(root) || p.startsWith(incoming)) {
            throw new IllegalArgumentException("archive path escapes the store: " + relativePath);
        }
        return p;
    }

    /** Makes the rename itself durable (Linux: fsync of the directory). */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory for reading; the file itself is already flushed
            if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                return;
            }
            throw e;
        }
    }

    /** Removes the temp files of processes that are gone (another live instance may share the directory). */
    private static void sweep(Path dir) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir)) {
            for (Path p : leftovers) {
                String name = p.getFileName().toString();
                int dash = name.indexOf('-');
                long pid = dash > 0 && name.substring(0, dash).matches("[0-9]{1,18}") ? Long.parseLong(name.substring(0, dash)) : -1;
                if (pid < 0 || ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
