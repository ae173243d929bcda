package lotus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Reads the {@code result} member of a JSON-RPC answer straight off the HTTP body. The parser is
 * positioned on the first token of the value (e.g. {@code START_OBJECT}, or {@code VALUE_NULL});
 * a reader should consume the value, but one that stops early is fine: the client skips the rest.
 * This is what lets a caller walk a 19 MB {@code StateCompute} answer without building a tree.
 */
@FunctionalInterface
public interface ResultReader<T> {
    T read(JsonParser parser) throws IOException;

    /** Binds the value with the client's Jackson setup (CIDs, BigIntegers, byte arrays). */
    static <T> ResultReader<T> of(Class<T> type) {
        return p -> p.readValueAs(type);
    }

    static <T> ResultReader<T> of(TypeReference<T> type) {
        return p -> p.readValueAs(type);
    }

    static ResultReader<JsonNode> tree() {
        return p -> p.readValueAsTree();
    }
}
