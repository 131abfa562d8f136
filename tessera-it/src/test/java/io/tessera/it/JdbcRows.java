package io.tessera.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Query results as the tests compare them: a row a string, its cells' text joined by {@code |}. */
final class JdbcRows {
    private JdbcRows() {}

    static List<String> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return collect(rs);
        }
    }

    static List<String> explain(Connection c, String sql) throws SQLException {
        return query(c, "EXPLAIN " + sql);
    }

    static List<String> rows(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            return collect(rs);
        }
    }

    static List<String> collect(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                cells.add(rs.getString(i));
            }
            out.add(String.join("|", cells));
        }
        return out;
    }
}
