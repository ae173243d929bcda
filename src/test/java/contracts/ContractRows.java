package contracts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import storage.ClickHouseAccess;

/** Reads the {@code contracts} table back the way the API does: FINAL, one row per actor. */
final class ContractRows {
    private final ClickHouseAccess clickHouse;

    ContractRows(ClickHouseAccess clickHouse) {
        this.clickHouse = clickHouse;
    }

    long count() {
        return number("SELECT count() FROM contracts FINAL", null);
    }

    /** Physical rows of one actor (before merging): shows how often it was written. */
    long writes(long actorId) {
        return number("SELECT count() FROM contracts WHERE actor_id = ?", actorId);
    }

    /** Column name → value (as text) of the actor's row, or an empty map. */
    Map<String, String> row(long actorId) {
        try (Connection c = clickHouse.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM contracts FINAL WHERE actor_id = ?")) {
            s.setLong(1, actorId);
            try (ResultSet r = s.executeQuery()) {
                Map<String, String> out = new HashMap<>();
                if (r.next()) {
                    ResultSetMetaData m = r.getMetaData();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        out.put(m.getColumnName(i), r.getString(i));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long number(String sql, Long param) {
        try (Connection c = clickHouse.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (param != null) {
                s.setLong(1, param);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
