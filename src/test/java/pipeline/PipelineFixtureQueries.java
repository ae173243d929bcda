package pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import storage.ClickHouseAccess;

/** Test reads of ClickHouse through JDBC with bind parameters. */
record PipelineFixtureQueries(ClickHouseAccess clickHouse) {

    /** One value per row of a parameterised query. */
    List<String> column(String sql, Object... params) {
        try (Connection c = clickHouse.dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long count(String sql, Object... params) {
        return Long.parseLong(column(sql, params).get(0));
    }
}
