package archive;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where raw per-height files go ({@code <height>.zip}, …).
 * Implementations place each file atomically: a reader or a crash never sees half a file.
 */
public interface ArchiveStore {
    /**
     * A file written as a stream, so its bytes never have to be held in memory: it appears under
     * its name only on {@link Upload#commit()}; closing it uncommitted discards it.
     */
    Upload open(String relativePath) throws IOException;

    default void write(String relativePath, byte[] content) throws IOException {
        try (Upload upload = open(relativePath)) {
            upload.stream().write(content);
            upload.commit();
        }
    }

    /** One file being written. */
    interface Upload extends AutoCloseable {
        OutputStream stream();

        /** Makes the whole file durable and puts it in place. */
        void commit() throws IOException;

        /** Discards the file unless it was committed. */
        @Override
        void close() throws IOException;
    }
}
