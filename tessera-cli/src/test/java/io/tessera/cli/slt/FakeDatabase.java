package io.tessera.cli.slt;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A scripted {@link SqlExecutor}: answers by exact SQL text and records what was sent. */
final class FakeDatabase implements SqlExecutor {
    final List<String> sent = new ArrayList<>();
    private final Map<String, QueryOutput> results = new HashMap<>();
    private final Map<String, SQLException> errors = new HashMap<>();

    FakeDatabase returns(String sql, List<List<String>> rows) {
        results.put(sql, new QueryOutput(rows.isEmpty() ? 1 : rows.get(0).size(), rows));
        return this;
    }

    FakeDatabase returnsColumns(String sql, int columns) {
        results.put(sql, new QueryOutput(columns, List.of()));
        return this;
    }

    FakeDatabase fails(String sql, String sqlState) {
        errors.put(sql, new SQLException("ERROR: refused " + sql, sqlState));
        return this;
    }

    @Override
    public void execute(String sql) throws SQLException {
        sent.add(sql);
        if (errors.containsKey(sql)) {
            throw errors.get(sql);
        }
    }

    @Override
    public QueryOutput query(String sql, String types) throws SQLException {
        execute(sql);
        QueryOutput output = results.get(sql);
        if (output == null) {
            throw new SQLException("ERROR: no scripted result for " + sql, "XX000");
        }
        return output;
    }
}
