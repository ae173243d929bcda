package embedded;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The C API of libchdb.so (the ClickHouse engine as a library), reached through JNA. */
interface ChdbLibrary extends Library {

    static ChdbLibrary load(String path) {
        return Native.load(path, ChdbLibrary.class);
    }

    /** Returns a {@code chdb_connection *} (a pointer to the connection handle), or NULL. */
    Pointer chdb_connect(int argc, String[] argv);

    void chdb_close_conn(Pointer connectionPointer);

    /** Server-side {@code {name:Type}} parameters; a NULL lengths array means NUL-terminated names/values. */
    Pointer chdb_query_with_params_n(Pointer connection, byte[] query, long queryLength, byte[] format,
            long formatLength, String[] names, long[] nameLengths, String[] values, long[] valueLengths,
            long count);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    String chdb_result_error(Pointer result);

    long chdb_result_rows_read(Pointer result);

    long chdb_result_bytes_read(Pointer result);

    long chdb_result_rows_written(Pointer result);

    long chdb_result_bytes_written(Pointer result);

    void chdb_destroy_query_result(Pointer result);
}
