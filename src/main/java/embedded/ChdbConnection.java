package embedded;

import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One chDB connection: runs one query at a time. Tracks the session state a pooled connection
 * would otherwise leak between requests (current database, settings) so each request starts
 * from what it asked for, as on a real server.
 */
final class ChdbConnection implements AutoCloseable {
    static final String DEFAULT_DATABASE = "default";

    private final ChdbLibrary lib;
    private final Pointer handlePointer;
    private final Pointer handle;
    private String database = DEFAULT_DATABASE;
    private final Map<String, String> settings = new HashMap<>();

    private ChdbConnection(ChdbLibrary lib, Pointer handlePointer) {
        this.lib = lib;
        this.handlePointer = handlePointer;
        this.handle = handlePointer.getPointer(0);
    }

    /** Connects with the JVM's signal handlers saved before and restored after, then verified. */
    static synchronized ChdbConnection open(ChdbLibrary lib, String dataPath) {
        SignalGuard guard = SignalGuard.save();
        Pointer pointer;
        try {
            pointer = lib.chdb_connect(2, new String[] {"clickhouse", "--path=" + dataPath});
        } finally {
            guard.restore();
        }
        SignalGuard.verifyJvmOwnsSigsegv();
        if (pointer == null || pointer.getPointer(0) == null) {
            throw new IllegalStateException("chdb_connect failed for " + dataPath
                    + " (another process on the same path? see stderr)");
        }
        return new ChdbConnection(lib, pointer);
    }

    /** Brings the session to the requested database and settings; returns an error text or null. */
    String prepare(String requestedDatabase, Map<String, String> requestedSettings) {
        for (Map.Entry<String, String> entry : Map.copyOf(settings).entrySet()) {
            if (!requestedSettings.containsKey(entry.getKey())) {
                String error = runQuietly("SET " + entry.getKey() + " = DEFAULT");
                if (error != null) {
                    return error;
                }
                settings.remove(entry.getKey());
            }
        }
        for (Map.Entry<String, String> entry : requestedSettings.entrySet()) {
            if (!entry.getValue().equals(settings.get(entry.getKey()))) {
                String error = runQuietly("SET " + entry.getKey() + " = " + SqlText.quote(entry.getValue()));
                if (error != null) {
                    return error;
                }
                settings.put(entry.getKey(), entry.getValue());
            }
        }
        String target = requestedDatabase == null || requestedDatabase.isEmpty() ? DEFAULT_DATABASE : requestedDatabase;
        if (!target.equals(database)) {
            String error = runQuietly("USE " + SqlText.identifier(target));
            if (error != null) {
                return error;
            }
            database = target;
        }
        return null;
    }

    Result query(byte[] sql, String format, List<String> names, List<String> values) {
        byte[] formatBytes = format.getBytes(StandardCharsets.UTF_8);
        String[] nameArray = names.isEmpty() ? null : names.toArray(String[]::new);
        String[] valueArray = values.isEmpty() ? null : values.toArray(String[]::new);
        Pointer result = lib.chdb_query_with_params_n(handle, sql, sql.length, formatBytes, formatBytes.length,
                nameArray, null, valueArray, null, names.size());
        if (result == null) {
            afterError();
            return Result.failure("Code: 1001. DB::Exception: chDB returned no result");
        }
        return new Result(lib, result);
    }

    /**
     * chDB prepends a failed query's partial output to the next result on the same connection;
     * a throwaway query clears it.
     */
    void afterError() {
        runQuietly("SELECT 1");
    }

    private String runQuietly(String sql) {
        try (Result result = query(sql.getBytes(StandardCharsets.UTF_8), "TabSeparated", List.of(), List.of())) {
            return result.error();
        }
    }

    @Override
    public void close() {
        lib.chdb_close_conn(handlePointer);
    }

    /** A query result living in native memory until closed. */
    static final class Result implements AutoCloseable {
        private final ChdbLibrary lib;
        private final Pointer pointer;
        private final String error;

        private Result(ChdbLibrary lib, Pointer pointer) {
            this.lib = lib;
            this.pointer = pointer;
            this.error = lib.chdb_result_error(pointer);
        }

        private Result(String error) {
            this.lib = null;
            this.pointer = null;
            this.error = error;
        }

        static Result failure(String error) {
            return new Result(error);
        }

        String error() {
            return error;
        }

        ByteBuffer data() {
            long length = lib.chdb_result_length(pointer);
            Pointer buffer = lib.chdb_result_buffer(pointer);
            return length == 0 || buffer == null ? ByteBuffer.allocate(0) : buffer.getByteBuffer(0, length);
        }

        long rowsRead() {
            return lib.chdb_result_rows_read(pointer);
        }

        long bytesRead() {
            return lib.chdb_result_bytes_read(pointer);
        }

        long rowsWritten() {
            return lib.chdb_result_rows_written(pointer);
        }

        long bytesWritten() {
            return lib.chdb_result_bytes_written(pointer);
        }

        @Override
        public void close() {
            if (pointer != null) {
                lib.chdb_destroy_query_result(pointer);
            }
        }
    }
}
