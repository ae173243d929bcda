package api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Runs a read query with server-side {@code {name:Type}} parameters and returns its rows as JSON
 * objects (64-bit and 256-bit integers arrive as decimal strings, so amounts stay exact).
 * Every value a client sent reaches the engine as a bound parameter, never as SQL text.
 */
public interface SqlRows {
    List<ObjectNode> query(String sql, Map<String, Object> params);

    default java.util.Optional<ObjectNode> first(String sql, Map<String, Object> params) {
        List<ObjectNode> rows = query(sql, params);
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.get(0));
    }
}
