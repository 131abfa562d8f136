package io.tessera.cli.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseCleanerTest {

    /** A schema where view {@code v2} depends on {@code v1} and every view on the tables. */
    private static final class Schema implements SqlExecutor {
        final Set<String> views = new LinkedHashSet<>(List.of("v1", "v2"));
        final Set<String> tables = new LinkedHashSet<>(List.of("t1", "odd\"name"));
        final List<String> sent = new ArrayList<>();
        boolean hasPgViews = true;

        @Override
        public void execute(String sql) throws SQLException {
            sent.add(sql);
            String name = sql.substring(sql.indexOf('"') + 1, sql.length() - 1).replace("\"\"", "\"");
            if (sql.startsWith("DROP VIEW")) {
                if (name.equals("v1") && views.contains("v2")) {
                    throw new SQLException("cannot drop view v1 because other objects depend on it", "2BP01");
                }
                views.remove(name);
            } else if (!views.isEmpty()) {
                throw new SQLException("cannot drop table because other objects depend on it", "2BP01");
            } else {
                tables.remove(name);
            }
        }

        @Override
        public QueryOutput query(String sql, String types) throws SQLException {
            if (sql.equals(DatabaseCleaner.VIEWS_SQL)) {
                if (!hasPgViews) {
                    throw new SQLException("relation \"pg_views\" does not exist", "42P01");
                }
                return new QueryOutput(1, views.stream().map(List::of).toList());
            }
            return new QueryOutput(1, tables.stream().map(List::of).toList());
        }
    }

    @Test
    void dropsViewsThenTablesOverSeveralPasses() {
        Schema schema = new Schema();

        assertThat(DatabaseCleaner.empty(schema)).isEmpty();

        assertThat(schema.views).isEmpty();
        assertThat(schema.tables).isEmpty();
        assertThat(schema.sent).contains("DROP TABLE \"odd\"\"name\"");
    }

    @Test
    void aServerWithoutPgViewsStillHasItsTablesDropped() {
        Schema schema = new Schema();
        schema.views.clear();
        schema.hasPgViews = false;

        assertThat(DatabaseCleaner.empty(schema)).isEmpty();
        assertThat(schema.tables).isEmpty();
    }

    @Test
    void reportsWhenNothingCanBeDropped() {
        Schema schema = new Schema();
        schema.views.clear();
        schema.hasPgViews = false;
        schema.views.add("hidden");

        assertThat(DatabaseCleaner.empty(schema)).hasValueSatisfying(p -> assertThat(p).startsWith("cannot drop 2 objects"));
    }
}
