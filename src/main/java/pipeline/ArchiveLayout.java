package pipeline;

import archive.ArchiveStore;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipOutputStream;
import storage.rows.MessageRow;
import storage.rows.RowJson;
import storage.rows.SubcallRow;

/**
 * The archive of one height: one ZIP file, {@code <height>.zip}, whose entries are the files
 * {@code <height>/<block_cid>/<message_cid>/data.json} (message, receipt, gas outputs, decoded
 * params/return) and {@code …/sub_calls/<message_cid>.json} (the sub-call tree), under every block
 * that included the message; implicit messages under {@code implicit}. One file per tipset instead
 * of ~250 (each a create and a rename), compressed as configured ({@link ArchiveCompression}) and streamed to the
 * store's temp file as messages arrive (the height's archive is never held in memory), and indexed: the ZIP central directory finds any entry without reading the rest, and
 * {@code unzip} gives back the directory tree. Rows are serialised directly, decoded JSON embedded.
 */
final class ArchiveLayout {
    static final String IMPLICIT_FOLDER = "implicit";
    private static final ObjectMapper JSON = RowJson.mapper()
            .addMixIn(MessageRow.class, DecodedAsJson.class)
            .addMixIn(SubcallRow.class, SubcallInTree.class);

    private final long height;
    private final ArchiveStore store;
    private final ArchiveCompression compression;
    private final Set<String> names = new HashSet<>();
    private ArchiveStore.Upload upload;
    private ZipOutputStream zip;

    /** @param store where the file goes, or null to archive nothing */
    ArchiveLayout(long height, ArchiveStore store) {
        this(height, store, ArchiveCompression.DEFLATE_FASTEST);
    }

    ArchiveLayout(long height, ArchiveStore store, ArchiveCompression compression) {
        this.height = height;
        this.store = store;
        this.compression = compression;
    }

    /** The archive file's path in the store. */
    static String filePath(long height) {
        return height + ".zip";
    }

    static String dataPath(long height, String folder, String messageCid) {
        return height + "/" + folder + "/" + messageCid + "/data.json";
    }

    static String subcallsPath(long height, String folder, String messageCid) {
        return height + "/" + folder + "/" + messageCid + "/sub_calls/" + messageCid + ".json";
    }

    /** Forgets every entry (a retried StateCompute answer starts the height over). */
    void reset() {
        names.clear();
        abort();
    }

    void message(MessageRow row, List<SubcallRow> subs) {
        if (store == null) {
            return;
        }
        try {
            byte[] data = dataJson(row);
            byte[] tree = treeJson(row, subs);
            List<String> folders = row.implicit() == 1 || row.blockCids().isEmpty()
                    ? List.of(IMPLICIT_FOLDER) : row.blockCids();
            for (String folder : folders) {
                entry(dataPath(height, folder, row.cid()), data);
                entry(subcallsPath(height, folder, row.cid()), tree);
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content of a message's {@code data.json}. */
    static byte[] dataJson(MessageRow row) throws JsonProcessingException {
        return JSON.writeValueAsBytes(row);
    }

    /** The content of a message's {@code sub_calls/<cid>.json}: its sub-calls nested as a tree. */
    static byte[] treeJson(MessageRow row, List<SubcallRow> subs) throws JsonProcessingException {
        return JSON.writeValueAsBytes(new Tree(row.cid(), row.subcallsAvailable() == 1, tree(subs)));
    }

    private void entry(String name, byte[] content) {
        if (!names.add(name)) {
            return; // the same message under the same folder: its files are already there
        }
        try {
            if (zip == null) {
                upload = store.open(filePath(height));
                zip = compression.open(upload.stream());
            }
            zip.putNextEntry(compression.entry(name, content));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts the height's archive file in place (none when archiving is off or the height had no
     * message); returns whether there is one.
     */
    boolean finish() {
        if (zip == null) {
            return false;
        }
        try {
            zip.finish();
            upload.commit();
            close();
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** Discards the file being written, if any (the height failed or starts over). */
    void abort() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void close() throws IOException {
        ArchiveStore.Upload u = upload;
        zip = null;
        upload = null;
        if (u != null) {
            u.close();
        }
    }

    /** Nests the pre-order rows under their parents. */
    private static List<Node> tree(List<SubcallRow> subs) {
        List<Node> top = new ArrayList<>();
        Map<Integer, List<Node>> children = new HashMap<>();
        children.put(0, top);
        for (SubcallRow s : subs) {
            Node n = new Node(s, new ArrayList<>());
            children.get(s.parentIdx()).add(n);
            children.put(s.idx(), n.subcalls());
        }
        return top;
    }

    record Tree(String messageCid, boolean subcallsAvailable, List<Node> subcalls) {
    }

    record Node(@JsonUnwrapped SubcallRow call, List<Node> subcalls) {
    }

    /** Decoded params/return embedded as JSON values, not as JSON text. */
    abstract static class DecodedAsJson {
        @JsonSerialize(using = RawJsonOrNull.class)
        abstract String paramsJson();

        @JsonSerialize(using = RawJsonOrNull.class)
        abstract String returnJson();
    }

    /** A sub-call node: decoded values as JSON, without the columns its message already names. */
    abstract static class SubcallInTree extends DecodedAsJson {
        @JsonIgnore
        abstract long height();

        @JsonIgnore
        abstract String tipsetKey();

        @JsonIgnore
        abstract String messageCid();

        @JsonIgnore
        abstract String indexedAt();
    }

    static final class RawJsonOrNull extends JsonSerializer<String> {
        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value == null || value.isEmpty()) {
                gen.writeNull();
            } else {
                gen.writeRawValue(value);
            }
        }
    }
}
