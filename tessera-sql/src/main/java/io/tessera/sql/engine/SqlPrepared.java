package io.tessera.sql.engine;

import io.tessera.common.types.SqlType;
import io.tessera.sql.api.PreparedStatement;
import io.tessera.sql.api.ResultColumn;
import io.tessera.sql.plan.BoundStatement;
import java.util.List;

/**
 * A prepared statement: either a utility statement, or a bound plan with the catalog version it
 * was planned at (executing it after a catalog change plans it again).
 */
final class SqlPrepared implements PreparedStatement {
    private final String sql;
    final Utility utility;
    final net.sf.jsqlparser.statement.Statement parsed;
    final String parsedText;
    private final List<SqlType> parameterTypes;
    private volatile Planned planned;

    /** A plan and the catalog version it was made against. */
    record Planned(BoundStatement bound, List<ResultColumn> columns, long catalogVersion) {}

    SqlPrepared(String sql, Utility utility, net.sf.jsqlparser.statement.Statement parsed, String parsedText,
            List<SqlType> parameterTypes, Planned planned) {
        this.sql = sql;
        this.utility = utility;
        this.parsed = parsed;
        this.parsedText = parsedText;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.planned = planned;
    }

    @Override public String sql() { return sql; }

    @Override public List<SqlType> parameterTypes() { return parameterTypes; }

    @Override
    public List<ResultColumn> resultColumns() {
        return planned == null ? utilityColumns() : planned.columns();
    }

    private List<ResultColumn> utilityColumns() {
        if (utility instanceof Utility.Show show) {
            if (show.name().equals("all")) {
                return List.of(ResultColumn.computed("name", SqlType.TEXT), ResultColumn.computed("setting", SqlType.TEXT),
                        ResultColumn.computed("description", SqlType.TEXT));
            }
            return List.of(ResultColumn.computed(Settings.canonical(show.name()), SqlType.TEXT));
        }
        return List.of();
    }

    Planned planned() { return planned; }

    void replan(Planned p) { this.planned = p; }
}
