package io.tessera.sql.plan;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.IndexExpression;
import io.tessera.cluster.api.IndexSpec;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * CREATE INDEX and DROP INDEX. CREATE INDEX is an online schema change in two states (F1's,
 * shortened): the index enters the catalog write-only, so every writer that sees it maintains its
 * entries; the existing rows are then backfilled; then it turns public and queries may read it.
 * A backfill that fails (a duplicate for a unique index, a lost node) drops the index again, so a
 * failed CREATE INDEX leaves nothing behind.
 *
 * <p>The backfill starts once this node's writes that may have read the catalog before the index
 * was in it are done ({@code WriteFence}). Limit, until schema leases: a writer on another node
 * whose catalog replica has not yet applied the write-only state while the backfill passes its
 * row writes the row without an entry; the metadata group applies the change on every node within
 * a heartbeat or so.
 */
public final class IndexDdl {
    private IndexDdl() {}

    /** Column types whose values the key encoding orders: the ones an index may hold. */
    private static final Set<TypeKind> INDEXABLE = EnumSet.of(TypeKind.BOOL, TypeKind.INT2, TypeKind.INT4,
            TypeKind.INT8, TypeKind.OID, TypeKind.FLOAT4, TypeKind.FLOAT8, TypeKind.NUMERIC, TypeKind.TEXT,
            TypeKind.VARCHAR, TypeKind.BPCHAR, TypeKind.NAME, TypeKind.CHAR, TypeKind.BYTEA, TypeKind.DATE,
            TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ);

    /** One key part as CREATE INDEX names it: a column, or an expression's text (exactly one is set). */
    public record KeyPart(String column, String expression) {
        public static KeyPart column(String name) { return new KeyPart(name, null); }

        public static KeyPart expression(String text) { return new KeyPart(null, text); }
    }

    /**
     * @param planner binds the expression key parts
     * @param name the index name, or null to derive one as PostgreSQL does ({@code <table>_<cols>_idx})
     * @param notices receives the NOTICE of an IF NOT EXISTS that skips
     */
    public static BoundStatement create(Planner planner, String name, String table, List<KeyPart> parts,
            List<String> include, boolean unique, boolean ifNotExists, Consumer<String> notices) {
        return new DdlStatement("CREATE INDEX", ctx -> {
            Catalog catalog = ctx.catalog();
            TableDescriptor t = catalog.table(table).orElseThrow(() -> Errors.undefinedTable(table));
            String indexName = name != null ? name : derivedName(catalog, table, parts.stream().map(IndexDdl::namePart).toList());
            if (exists(catalog, indexName)) {
                if (ifNotExists) {
                    notices.accept("relation \"" + indexName + "\" already exists, skipping");
                    return;
                }
                throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + indexName + "\" already exists");
            }
            List<Integer> keyColumns = new ArrayList<>();
            List<IndexExpression> expressions = new ArrayList<>();
            for (KeyPart part : parts) {
                if (part.expression() != null) {
                    keyColumns.add(IndexDescriptor.EXPRESSION);
                    expressions.add(IndexExpressions.define(planner, t, part.expression()));
                } else {
                    keyColumns.add(columnIds(t, List.of(part.column()), true).get(0));
                }
            }
            if (keyColumns.stream().filter(id -> id != IndexDescriptor.EXPRESSION).distinct().count()
                    != keyColumns.stream().filter(id -> id != IndexDescriptor.EXPRESSION).count()) {
                throw Errors.unsupported("an index naming a column twice");
            }
            IndexSpec spec = new IndexSpec(indexName, t.id(), keyColumns, columnIds(t, include, false), unique, expressions);
            TableDescriptor withIndex = catalog.createIndex(spec);
            IndexDescriptor index = withIndex.index(indexName);
            try {
                ctx.store().backfill(withIndex, index);
                catalog.setIndexState(index.id(), IndexDescriptor.State.PUBLIC);
            } catch (RuntimeException e) {
                dropQuietly(catalog, indexName, e);
                throw e;
            }
        });
    }

    /**
     * What a key part adds to a derived index name, as PostgreSQL chooses it: the column, the
     * function of a function call, {@code expr} for any other expression.
     */
    static String namePart(KeyPart part) {
        if (part.column() != null) {
            return part.column();
        }
        java.util.regex.Matcher call = java.util.regex.Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(")
                .matcher(part.expression());
        return call.find() ? call.group(1).toLowerCase(java.util.Locale.ROOT) : "expr";
    }

    /** DROP INDEX of each name; 42704 for a missing one unless {@code ifExists} (then a NOTICE). */
    public static BoundStatement drop(List<String> names, boolean ifExists, Consumer<String> notices) {
        return new DdlStatement("DROP INDEX", ctx -> {
            Catalog catalog = ctx.catalog();
            for (String n : names) {
                if (isPrimaryKeyIndex(catalog, n)) {
                    String table = n.substring(0, n.length() - "_pkey".length());
                    throw new SqlException("2BP01", "cannot drop index " + n + " because constraint " + n
                            + " on table " + table + " requires it")
                            .withHint("You can drop constraint " + n + " on table " + table + " instead.");
                }
                if (!exists(catalog, n) || catalog.table(n).isPresent() || catalog.view(n).isPresent()) {
                    if (ifExists && !exists(catalog, n)) {
                        notices.accept("index \"" + n + "\" does not exist, skipping");
                        continue;
                    }
                    throw new SqlException(SqlState.UNDEFINED_OBJECT, exists(catalog, n)
                            ? "\"" + n + "\" is not an index" : "index \"" + n + "\" does not exist");
                }
                catalog.dropIndex(n);
            }
        });
    }

    private static boolean exists(Catalog catalog, String name) {
        return catalog.table(name).isPresent() || catalog.view(name).isPresent() || catalog.sequences().contains(name)
                || catalog.tables().stream().anyMatch(t -> t.index(name) != null);
    }

    private static boolean isPrimaryKeyIndex(Catalog catalog, String name) {
        return name.endsWith("_pkey") && catalog.tables().stream().anyMatch(t -> (t.name() + "_pkey").equals(name)
                && t.primaryKey().stream().noneMatch(i -> t.columns().get(i).hidden()));
    }

    /** PostgreSQL's choice: table, columns and "idx" joined by underscores, then a number until it is free. */
    static String derivedName(Catalog catalog, String table, List<String> columns) {
        String base = table + "_" + String.join("_", columns) + "_idx";
        String candidate = base;
        for (int i = 1; exists(catalog, candidate); i++) {
            candidate = base.replaceFirst("_idx$", "_idx" + i);
        }
        return candidate;
    }

    private static List<Integer> columnIds(TableDescriptor t, List<String> names, boolean key) {
        List<Integer> ids = new ArrayList<>();
        for (String n : names) {
            int i = t.columnIndex(n);
            if (i < 0 || t.columns().get(i).hidden()) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + n + "\" does not exist");
            }
            ColumnDescriptor c = t.columns().get(i);
            if (key && !INDEXABLE.contains(c.type().kind())) {
                throw Errors.unsupported("an index on a column of type " + c.type().kind().sqlName());
            }
            if (ids.contains(c.id()) && key) {
                throw Errors.unsupported("an index naming column \"" + n + "\" twice");
            }
            ids.add(c.id());
        }
        return ids;
    }

    private static void dropQuietly(Catalog catalog, String name, RuntimeException cause) {
        try {
            catalog.dropIndex(name);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** A DDL statement that does its work in start() and returns no rows. */
    private record DdlStatement(String tag, Consumer<ExecContext> work) implements BoundStatement {
        @Override public List<Plan.Column> columns() { return List.of(); }

        @Override
        public Execution start(ExecContext ctx) {
            work.accept(ctx);
            return BoundStatement.finished(List.of(), tag);
        }
    }
}
