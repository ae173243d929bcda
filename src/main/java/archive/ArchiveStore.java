package archive;

import java.io.IOException;

/**
 * Where raw per-height files go ({@code <height>/<block_cid>/<message_cid>/data.json}, …).
 * Implementations write each file atomically: a reader or a crash never sees half a file.
 */
public interface ArchiveStore {
    void write(String relativePath, byte[] content) throws IOException;
}
