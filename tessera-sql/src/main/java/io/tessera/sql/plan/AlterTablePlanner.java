package io.tessera.sql.plan;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.TextFormat;
import io.tessera.sql.store.KeySpan;
import io.tessera.sql.store.RowChange;
import io.tessera.sql.store.RowStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ALTER TABLE. Catalog changes go through {@link Catalog#alterTable}; the rows are rewritten when
 * their encoding changes: ADD PRIMARY KEY re-keys every row (a table created without a key has
 * a hidden row id as its key), ADD COLUMN with a non-null DEFAULT writes the default into the
 * existing rows, DROP COLUMN rewrites them without the column before the catalog forgets it (so
 * that its column id holds no stale values when a later ADD COLUMN reuses it, and the row codec,
 * which refuses ids a table does not define, never meets one). RENAME only changes the catalog.
 *
 * <p>Without transactions a re-key is not atomic: the old rows are deleted, the catalog changes,
 * then the rows are written under the new key in batches; a crash in between loses the table's
 * rows. Concurrent writers to the table during the ALTER are not fenced either.
 */
public final class AlterTablePlanner {
    /** Rows per store write while rewriting a table (the store splits further to respect KV limits). */
    static final int REWRITE_BATCH_ROWS = 5_000;

    /** One action of an ALTER TABLE statement. */
    public sealed interface Action {
        /** @param constraintName the CONSTRAINT name given, or null ({@code <table>_pkey}) */
        record AddPrimaryKey(String constraintName, List<String> columns) implements Action {}

        /** @param definition {@code name type [DEFAULT e] [NOT NULL]} as written */
        record AddColumn(String definition, boolean ifNotExists) implements Action {}

        record DropColumn(String name, boolean ifExists) implements Action {}

        record RenameColumn(String from, String to) implements Action {}

        record RenameTable(String to) implements Action {}
    }

    private final Planner planner;

    public AlterTablePlanner(Planner planner) {
        this.planner = planner;
    }

    public BoundStatement plan(String table, boolean ifExists, List<Action> actions) {
        return new BoundStatement() {
            @Override public List<Plan.Column> columns() { return List.of(); }

            @Override
            public Execution start(ExecContext ctx) {
                if (ctx.catalog().table(table).isEmpty()) {
                    if (ifExists) {
                        return BoundStatement.finished(List.of(), "ALTER TABLE");
                    }
                    throw Errors.undefinedTable(table);
                }
                String name = table;
                for (Action a : actions) {
                    TableDescriptor t = ctx.catalog().table(name).orElseThrow(() -> Errors.undefinedTable(table));
                    name = apply(t, a, ctx).name();
                }
                return BoundStatement.finished(List.of(), "ALTER TABLE");
            }
        };
    }

    private TableDescriptor apply(TableDescriptor t, Action a, ExecContext ctx) {
        return switch (a) {
            case Action.AddPrimaryKey pk -> addPrimaryKey(t, pk.columns(), ctx);
            case Action.AddColumn c -> addColumn(t, c, ctx);
            case Action.DropColumn d -> dropColumn(t, d, ctx);
            case Action.RenameColumn r -> renameColumn(t, r, ctx.catalog());
            case Action.RenameTable r -> alter(ctx.catalog(), t, r.to(), t.columns(), t.primaryKey());
        };
    }

    private static TableDescriptor alter(Catalog catalog, TableDescriptor t, String name, List<ColumnDescriptor> columns,
            List<Integer> primaryKey) {
        return catalog.alterTable(t.id(), new TableSpec(name, columns, primaryKey, t.fragments().size()));
    }

    // ------------------------------------------------------------ ADD PRIMARY KEY

    private TableDescriptor addPrimaryKey(TableDescriptor t, List<String> names, ExecContext ctx) {
        if (!hasHiddenKey(t)) {
            throw new SqlException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \"" + t.name()
                    + "\" are not allowed");
        }
        if (!t.indexes().isEmpty()) {
            // Index entries name rows by primary key: re-keying would orphan them all.
            throw Errors.unsupported("ADD PRIMARY KEY on a table with indexes (drop them first)");
        }
        List<Integer> oldKey = new ArrayList<>();
        for (String n : names) {
            int i = t.columnIndex(n);
            if (i < 0 || t.columns().get(i).hidden()) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + n + "\" of relation \"" + t.name() + "\" does not exist");
            }
            if (oldKey.contains(i)) {
                throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + n + "\" appears twice in primary key constraint");
            }
            oldKey.add(i);
        }
        List<ColumnDescriptor> columns = new ArrayList<>();
        for (ColumnDescriptor c : t.columns()) {
            if (!c.hidden()) {
                boolean key = names.contains(c.name());
                columns.add(key ? new ColumnDescriptor(c.id(), c.name(), c.type(), true, c.defaultExpression(), false) : c);
            }
        }
        List<Integer> newKey = new ArrayList<>();
        for (String n : names) {
            newKey.add(indexOf(columns, n));
        }
        List<Object[]> rows = checkedRows(t, oldKey, ctx);
        ctx.store().outsideTransaction().truncate(t);
        TableDescriptor altered = alter(ctx.catalog(), t, t.name(), columns, newKey);
        List<RowChange> batch = new ArrayList<>();
        for (Object[] old : rows) {
            Object[] row = new Object[columns.size()];
            int j = 0;
            for (int i = 0; i < t.columns().size(); i++) {
                if (!t.columns().get(i).hidden()) {
                    row[j++] = old[i];
                }
            }
            // Replace, not Insert: uniqueness is already checked, and an insert's existence check per key
            // would be slow right after the truncate's range deletion.
            batch.add(new RowChange.Replace(row));
            flushIfFull(ctx.store().outsideTransaction(), altered, batch, false);
        }
        flushIfFull(ctx.store().outsideTransaction(), altered, batch, true);
        return altered;
    }

    private static boolean hasHiddenKey(TableDescriptor t) {
        return t.primaryKey().size() == 1 && t.columns().get(t.primaryKey().get(0)).hidden();
    }

    /** Every row of the table, after checking the new key columns hold no NULL (23502) and no duplicate (23505). */
    private static List<Object[]> checkedRows(TableDescriptor t, List<Integer> key, ExecContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        RowStore.RowIterator it = ctx.store().outsideTransaction().scan(t, KeySpan.wholeTable(t.id()));
        for (Object[] row = it.next(); row != null; row = it.next()) {
            List<Object> k = new ArrayList<>(key.size());
            for (int c : key) {
                if (row[c] == null) {
                    throw new SqlException(SqlState.NOT_NULL_VIOLATION, "column \"" + t.columns().get(c).name()
                            + "\" of relation \"" + t.name() + "\" contains null values");
                }
                k.add(row[c] instanceof byte[] b ? ByteBuffer.wrap(b) : row[c]);
            }
            if (!seen.add(k)) {
                throw duplicateKey(t, key, row, ctx);
            }
            rows.add(row);
            if (rows.size() % REWRITE_BATCH_ROWS == 0) {
                ctx.checkCancel();
            }
        }
        return rows;
    }

    private static SqlException duplicateKey(TableDescriptor t, List<Integer> key, Object[] row, ExecContext ctx) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int c : key) {
            names.add(t.columns().get(c).name());
            values.add(TextFormat.format(row[c], t.columns().get(c).type(), ctx.zone()));
        }
        return new SqlException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + t.name() + "_pkey\"")
                .withDetail("Key (" + String.join(", ", names) + ")=(" + String.join(", ", values) + ") is duplicated.");
    }

    // ------------------------------------------------------------ columns

    private TableDescriptor addColumn(TableDescriptor t, Action.AddColumn a, ExecContext ctx) {
        int nextId = t.columns().stream().mapToInt(ColumnDescriptor::id).max().orElse(0) + 1;
        ColumnDescriptor c = new DdlPlanner(planner).columnDefinition(t.name(), a.definition(), nextId);
        if (t.columnIndex(c.name()) >= 0) {
            if (a.ifNotExists()) {
                return t;
            }
            throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" of relation \"" + t.name()
                    + "\" already exists");
        }
        Expr def = new DmlPlanner(planner).defaultOf(c);
        boolean empty = ctx.store().outsideTransaction().scan(t, KeySpan.wholeTable(t.id())).next() == null;
        Env root = Env.root(ctx);
        if (!empty && c.notNull() && c.defaultExpression() == null) {
            throw new SqlException(SqlState.NOT_NULL_VIOLATION, "column \"" + c.name() + "\" of relation \"" + t.name()
                    + "\" contains null values");
        }
        List<ColumnDescriptor> columns = new ArrayList<>(t.columns());
        columns.add(c);
        TableDescriptor altered = alter(ctx.catalog(), t, t.name(), columns, t.primaryKey());
        if (!empty && c.defaultExpression() != null) {
            int at = columns.size() - 1;
            rewrite(altered, ctx, row -> {
                row[at] = def.eval(root);
                if (row[at] == null && c.notNull()) {
                    throw new SqlException(SqlState.NOT_NULL_VIOLATION, "column \"" + c.name() + "\" of relation \""
                            + t.name() + "\" contains null values");
                }
            });
        }
        return altered;
    }

    private TableDescriptor dropColumn(TableDescriptor t, Action.DropColumn d, ExecContext ctx) {
        int i = t.columnIndex(d.name());
        if (i < 0 || t.columns().get(i).hidden()) {
            if (d.ifExists()) {
                return t;
            }
            throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + d.name() + "\" of relation \"" + t.name()
                    + "\" does not exist");
        }
        if (t.primaryKey().contains(i)) {
            throw Errors.unsupported("dropping a primary key column");
        }
        int columnId = t.columns().get(i).id();
        for (var index : t.indexes()) {
            if (index.keyColumnIds().contains(columnId)) {
                throw new SqlException("2BP01", "cannot drop column " + d.name() + " of table " + t.name()
                        + " because index " + index.name() + " depends on it")
                        .withHint("Drop the index first (DROP INDEX " + index.name() + ").");
            }
        }
        if (t.columns().stream().filter(c -> !c.hidden()).count() == 1) {
            throw Errors.unsupported("dropping the last column of a table");
        }
        List<ColumnDescriptor> columns = new ArrayList<>(t.columns());
        columns.remove(i);
        List<Integer> key = new ArrayList<>();
        for (int k : t.primaryKey()) {
            key.add(k > i ? k - 1 : k);
        }
        // Rows are rewritten without the column first, under the new layout: readers still on the old
        // definition read NULL for it, while the reverse order would hand them ids they do not know.
        TableDescriptor pending = new TableDescriptor(t.id(), t.name(), columns, key, t.fragments());
        RowStore.RowIterator it = ctx.store().outsideTransaction().scan(t, KeySpan.wholeTable(t.id()));
        List<RowChange> batch = new ArrayList<>();
        for (Object[] row = it.next(); row != null; row = it.next()) {
            Object[] without = new Object[row.length - 1];
            System.arraycopy(row, 0, without, 0, i);
            System.arraycopy(row, i + 1, without, i, row.length - i - 1);
            batch.add(new RowChange.Replace(without, without)); // indexed columns are never dropped: entries stay
            flushIfFull(ctx.store().outsideTransaction(), pending, batch, false);
        }
        flushIfFull(ctx.store().outsideTransaction(), pending, batch, true);
        return alter(ctx.catalog(), t, t.name(), columns, key);
    }

    private static TableDescriptor renameColumn(TableDescriptor t, Action.RenameColumn r, Catalog catalog) {
        int i = t.columnIndex(r.from());
        if (i < 0 || t.columns().get(i).hidden()) {
            throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + r.from() + "\" does not exist");
        }
        if (t.columnIndex(r.to()) >= 0) {
            throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + r.to() + "\" of relation \"" + t.name()
                    + "\" already exists");
        }
        int columnId = t.columns().get(i).id();
        for (var index : t.indexes()) {
            if (index.expressions().stream().anyMatch(e -> e.columns().contains(columnId))) {
                // The expression is stored as text over column names: renaming would leave it naming nothing.
                throw Errors.unsupported("renaming column \"" + r.from() + "\", which the expression of index "
                        + index.name() + " reads").withHint("Drop the index first (DROP INDEX " + index.name() + ").");
            }
        }
        List<ColumnDescriptor> columns = new ArrayList<>(t.columns());
        ColumnDescriptor c = columns.get(i);
        columns.set(i, new ColumnDescriptor(c.id(), r.to(), c.type(), c.notNull(), c.defaultExpression(), c.hidden()));
        return alter(catalog, t, t.name(), columns, t.primaryKey());
    }

    /** Re-encodes every row of {@code t} (already altered) after {@code change} adjusts it in place. */
    private static void rewrite(TableDescriptor t, ExecContext ctx, java.util.function.Consumer<Object[]> change) {
        RowStore.RowIterator it = ctx.store().outsideTransaction().scan(t, KeySpan.wholeTable(t.id()));
        List<RowChange> batch = new ArrayList<>();
        for (Object[] row = it.next(); row != null; row = it.next()) {
            change.accept(row);
            batch.add(new RowChange.Replace(row, row)); // a new column is in no index yet: entries stay
            flushIfFull(ctx.store().outsideTransaction(), t, batch, false);
        }
        flushIfFull(ctx.store().outsideTransaction(), t, batch, true);
    }

    private static void flushIfFull(RowStore store, TableDescriptor t, List<RowChange> batch, boolean last) {
        if (!batch.isEmpty() && (last || batch.size() >= REWRITE_BATCH_ROWS)) {
            store.apply(t, batch);
            batch.clear();
        }
    }

    private static int indexOf(List<ColumnDescriptor> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("column " + name + " vanished");
    }
}
