package io.tessera.cli.slt;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Empties the {@code public} schema before a file, so that files are independent on a server the
 * runner did not start: drops every view, then every table (with their indexes and triggers).
 * Plain {@code DROP} without {@code CASCADE}, so that a server without CASCADE works too; views that
 * depend on views are handled by repeating the pass.
 */
final class DatabaseCleaner {
    static final String VIEWS_SQL = "SELECT viewname FROM pg_views WHERE schemaname = 'public'";
    static final String TABLES_SQL = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'";
    /** Passes before giving up; each pass removes at least one level of view-on-view dependency. */
    static final int PASSES_MAX = 8;

    private DatabaseCleaner() {
    }

    /** Empties the schema; returns why it could not, or empty when it is empty now. */
    static Optional<String> empty(SqlExecutor db) {
        String lastError = "";
        for (int pass = 0; pass < PASSES_MAX; pass++) {
            List<String> views = names(db, VIEWS_SQL);
            List<String> tables;
            try {
                tables = db.query(TABLES_SQL, "T").rows().stream().map(row -> row.get(0)).toList();
            } catch (SQLException e) {
                return Optional.of("cannot list tables: " + SltRunner.describe(e));
            }
            if (views.isEmpty() && tables.isEmpty()) {
                return Optional.empty();
            }
            int dropped = 0;
            List<String> drops = new ArrayList<>();
            views.forEach(v -> drops.add("DROP VIEW " + quote(v)));
            tables.forEach(t -> drops.add("DROP TABLE " + quote(t)));
            for (String drop : drops) {
                try {
                    db.execute(drop);
                    dropped++;
                } catch (SQLException e) {
                    lastError = drop + ": " + SltRunner.describe(e);
                }
            }
            if (dropped == 0) {
                return Optional.of("cannot drop " + drops.size() + " objects; last error: " + lastError);
            }
        }
        return Optional.of("objects remain after " + PASSES_MAX + " passes; last error: " + lastError);
    }

    /** Views are optional: a server without {@code pg_views} has none to drop. */
    private static List<String> names(SqlExecutor db, String sql) {
        try {
            return db.query(sql, "T").rows().stream().map(row -> row.get(0)).toList();
        } catch (SQLException e) {
            return List.of();
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
