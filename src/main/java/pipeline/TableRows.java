package pipeline;

import java.util.List;
import storage.rows.Row;

/** The rows of one table within an index batch: what the content-based router branches on. */
public record TableRows(String table, List<Row> rows) {
}
