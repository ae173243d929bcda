package pipeline;

import java.util.List;
import pipeline.rows.Row;

/** The rows of one table within an index batch: what the content-based router branches on. */
public record TableRows(String table, List<Row> rows) {
}
