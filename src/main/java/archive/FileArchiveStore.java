package archive;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The default store: a directory tree under {@code DATA_DIR/archive}; temp file + rename per write. */
public final class FileArchiveStore implements ArchiveStore {
    private final Path root;

    public FileArchiveStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void write(String relativePath, byte[] content) throws IOException {
        Path target = resolve(relativePath);
        Files.createDirectories(target.getParent());
        // one writer per file name at a time (a height is archived by one thread), so a fixed temp name is safe
        Path temp = target.resolveSibling(".part-" + Thread.currentThread().getId() + "-" + target.getFileName());
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // only a failed write leaves a temp file; a moved one is gone, so no extra unlink on the hot path
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private Path resolve(String relativePath) {
        Path p = root.resolve(relativePath).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("archive path escapes the store: " + relativePath);
        }
        return p;
    }
}
