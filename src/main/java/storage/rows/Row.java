package storage.rows;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A row for one ClickHouse table; the router branches on {@link #table()}. Column names are the
 * record components in snake_case (see docs/STORAGE.md). */
public interface Row {
    @JsonIgnore
    String table();
}
