package io.tessera.sql.plan;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableStatistics;
import io.tessera.sql.store.KeySpan;
import io.tessera.sql.store.RowStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ANALYZE [table, ...]: reads every row of each table (every user table when none is named) at
 * the statement's snapshot, and stores in the catalog the row count and, per column, the NULL
 * share, distinct values and average width. The planner reads them from the table's descriptor
 * ({@link Estimates}); storing them moves the catalog's version, so prepared statements are
 * planned again. Unlike PostgreSQL, which samples 30,000 rows, it reads the whole table: exact
 * row counts, at the cost of a full scan.
 */
public final class Analyze {
    private Analyze() {}

    public static BoundStatement of(List<String> names) {
        return new BoundStatement() {
            @Override public List<Plan.Column> columns() { return List.of(); }

            @Override
            public Execution start(ExecContext ctx) {
                List<TableDescriptor> tables = new ArrayList<>();
                if (names.isEmpty()) {
                    tables.addAll(ctx.catalog().tables());
                } else {
                    for (String n : names) {
                        tables.add(ctx.catalog().table(n).orElseThrow(() -> Errors.undefinedTable(n)));
                    }
                }
                for (TableDescriptor t : tables) {
                    ctx.catalog().setStatistics(t.id(), collect(t, ctx));
                }
                return BoundStatement.finished(List.of(), "ANALYZE");
            }
        };
    }

    static TableStatistics collect(TableDescriptor table, ExecContext ctx) {
        List<ColumnSketch> sketches = new ArrayList<>();
        table.columns().forEach(c -> sketches.add(new ColumnSketch()));
        RowStore.RowIterator rows = ctx.store().scan(table, KeySpan.wholeTable(table.id()));
        long count = 0;
        for (Object[] row = rows.next(); row != null; row = rows.next()) {
            if (++count % 1024 == 0) {
                ctx.checkCancel();
            }
            for (int i = 0; i < sketches.size(); i++) {
                sketches.get(i).add(row[i]);
            }
        }
        Map<Integer, TableStatistics.Column> columns = new HashMap<>();
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnDescriptor c = table.columns().get(i);
            columns.put(c.id(), sketches.get(i).result());
        }
        return new TableStatistics(count, columns, ctx.statementTime().toEpochMilli());
    }
}
