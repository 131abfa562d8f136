package io.tessera.sql.plan;

import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * EXPLAIN [ANALYZE]: a query's operator tree as text, one line per row of the single column
 * {@code QUERY PLAN}, indented as PostgreSQL indents it. Each table scan names its table, its
 * access (Point Get, Key Range Scan, Full Scan), the fragments it touches out of the table's
 * fragments, its key condition and the filter applied to its rows. With ANALYZE the query runs
 * and every operator shows its rows, loops and time (inclusive of its inputs, as in PostgreSQL).
 *
 * <p>The tree is walked generically: every {@code Plan} component of an operator record is a child;
 * projections and renamings, which PostgreSQL does not show as nodes, are skipped. For ANALYZE
 * each operator record is rebuilt with its children wrapped in a counting {@link Instrumented}.
 */
public final class Explain {
    private Explain() {}

    /** Counters of one operator during EXPLAIN ANALYZE. */
    private static final class Stats {
        long rows;
        long loops;
        long nanos;
        long firstRowNanos = -1;
    }

    /** A plan whose rows and time are counted. */
    private record Instrumented(Plan inner, Stats stats, LongSupplier nanoTime) implements Plan {
        @Override
        public List<Column> columns() {
            return inner.columns();
        }

        @Override
        public Rows open(Env outer) {
            long t0 = nanoTime.getAsLong();
            stats.loops++;
            Rows rows = inner.open(outer);
            stats.nanos += nanoTime.getAsLong() - t0;
            return () -> {
                long t = nanoTime.getAsLong();
                Object[] row = rows.next();
                long now = nanoTime.getAsLong();
                stats.nanos += now - t;
                if (row != null) {
                    stats.rows++;
                    if (stats.firstRowNanos < 0) {
                        stats.firstRowNanos = stats.nanos;
                    }
                }
                return row;
            };
        }
    }

    /**
     * The EXPLAIN statement over a planned statement.
     *
     * @param sources SQL text of bound predicates (WHERE clauses), for the Filter lines
     * @param nanoTime the clock ANALYZE times operators with
     */
    public static BoundStatement of(BoundStatement inner, boolean analyze, Map<Expr, String> sources, LongSupplier nanoTime) {
        if (!(inner instanceof BoundStatement.Query query)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN of statements other than queries is not supported");
        }
        List<Plan.Column> columns = List.of(Plan.Column.computed("QUERY PLAN", SqlType.TEXT));
        return new BoundStatement() {
            @Override public List<Plan.Column> columns() { return columns; }

            @Override
            public Execution start(ExecContext ctx) {
                Map<Plan, Stats> stats = new IdentityHashMap<>();
                Plan plan = query.plan();
                List<String> lines = new ArrayList<>();
                if (analyze) {
                    plan = instrument(plan, stats, nanoTime);
                    long t0 = nanoTime.getAsLong();
                    Operators.drain(plan.open(Env.root(ctx)), ctx);
                    long total = nanoTime.getAsLong() - t0;
                    new Writer(ctx, sources, stats, lines).node(plan, 0);
                    lines.add("Execution Time: " + millis(total) + " ms");
                } else {
                    new Writer(ctx, sources, stats, lines).node(plan, 0);
                }
                List<Object[]> rows = lines.stream().map(l -> new Object[] {l}).toList();
                return BoundStatement.finished(rows, "EXPLAIN");
            }
        };
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1_000_000.0);
    }

    /** Rebuilds the tree with every operator wrapped; the wrappers' stats are keyed by the wrapper. */
    private static Plan instrument(Plan plan, Map<Plan, Stats> stats, LongSupplier nanoTime) {
        Plan rebuilt = plan;
        if (plan instanceof Record r && !children(plan).isEmpty()) {
            RecordComponent[] components = r.getClass().getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = read(components[i], r);
                types[i] = components[i].getType();
                if (values[i] instanceof Plan child && types[i] == Plan.class) {
                    values[i] = instrument(child, stats, nanoTime);
                }
            }
            try {
                var ctor = r.getClass().getDeclaredConstructor(types);
                ctor.setAccessible(true);
                rebuilt = (Plan) ctor.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot rebuild " + r.getClass().getSimpleName() + " for EXPLAIN ANALYZE", e);
            }
        }
        Instrumented wrapped = new Instrumented(rebuilt, new Stats(), nanoTime);
        stats.put(wrapped, wrapped.stats());
        return wrapped;
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    /** The Plan components of an operator record, in declaration order. */
    private static List<Plan> children(Plan plan) {
        List<Plan> out = new ArrayList<>();
        if (plan instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getType() == Plan.class && read(c, r) instanceof Plan p) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Writes the tree, PostgreSQL's way: "->  " before a child, details six columns further in. */
    private record Writer(ExecContext ctx, Map<Expr, String> sources, Map<Plan, Stats> stats, List<String> lines) {

        void node(Plan plan, int depth) {
            Stats s = stats.get(plan);
            Plan p = plan instanceof Instrumented i ? i.inner() : plan;
            if (isTransparent(p)) {
                node(children(p).get(0), depth);
                return;
            }
            List<String> details = new ArrayList<>();
            String label;
            List<Plan> kids;
            if (p instanceof Operators.Filter f && unwrap(f.input()) instanceof Scans.TableScan scan) {
                label = scan(scan, details);
                details.add("Filter: " + text(f.predicate()));
                kids = List.of();
            } else if (p instanceof Scans.TableScan scan) {
                label = scan(scan, details);
                kids = List.of();
            } else {
                label = label(p, details);
                kids = children(p);
            }
            String indent = depth == 0 ? "" : " ".repeat(2 + 6 * (depth - 1)) + "->  ";
            lines.add(indent + label + (s == null ? "" : actual(s)));
            String detailIndent = " ".repeat(depth == 0 ? 2 : 2 + 6 * (depth - 1) + 6);
            details.forEach(d -> lines.add(detailIndent + d));
            for (Plan k : kids) {
                node(k, depth + 1);
            }
        }

        private static Plan unwrap(Plan p) {
            return p instanceof Instrumented i ? i.inner() : p;
        }

        private static boolean isTransparent(Plan p) {
            return p instanceof Operators.Project || p instanceof Operators.Renamed || p instanceof Operators.Trim
                    || p instanceof Joins.Place;
        }

        private static String actual(Stats s) {
            return "  (actual time=" + millis(Math.max(s.firstRowNanos, 0)) + ".." + millis(s.nanos) + " rows=" + s.rows
                    + " loops=" + s.loops + ")";
        }

        private String label(Plan p, List<String> details) {
            return switch (p) {
                case Scans.SystemScan s -> "System Scan on " + s.table().schema() + "." + s.table().name();
                case Operators.Filter f -> {
                    details.add("Filter: " + text(f.predicate()));
                    yield "Filter";
                }
                case Joins.Hash h -> "Hash " + joinKind(h.kind()) + "Join";
                case Joins.Slotted j -> slotted(j, details);
                case Joins.Lookup j -> {
                    List<String> rest = new ArrayList<>();
                    j.conditions().forEach(c -> rest.add(text(c)));
                    details.add("Join Cond: " + String.join(" AND ", rest) + ", inner side read by key per outer row");
                    yield "Nested Loop";
                }
                case Joins.NestedLoop n -> "Nested Loop" + (n.kind() == Joins.Kind.INNER ? "" : " " + joinKind(n.kind()).trim() + " Join");
                case Operators.SetOp o -> o.kind().charAt(0) + o.kind().substring(1).toLowerCase(Locale.ROOT) + (o.all() ? " All" : "");
                case Recursion.RecursiveUnion r -> "Recursive Union" + (r.all() ? " All" : "") + " (" + r.work().name + ")";
                case Recursion.WorkTableScan w -> "WorkTable Scan on " + w.table().name;
                case Aggregates.Aggregate a -> a.groups().isEmpty() ? "Aggregate" : "HashAggregate";
                case Windows.WindowPlan w -> "WindowAgg";
                default -> words(p.getClass().getSimpleName());
            };
        }

        /** A join of a reordered FROM clause: its hash keys, then the rest of its conditions. */
        private String slotted(Joins.Slotted j, List<String> details) {
            List<Expr> rest = j.residual() == null ? List.of()
                    : j.residual() instanceof Predicates.And and ? and.terms() : List.of(j.residual());
            List<String> keys = new ArrayList<>();
            List<String> filters = new ArrayList<>();
            for (Expr c : j.conditions()) {
                (rest.stream().anyMatch(r -> r == c) ? filters : keys).add(text(c));
            }
            if (!keys.isEmpty()) {
                details.add("Hash Cond: " + String.join(" AND ", keys));
            }
            if (!filters.isEmpty()) {
                details.add("Join Filter: " + String.join(" AND ", filters));
            }
            return j.leftKeys().isEmpty() ? "Nested Loop" : "Hash Join";
        }

        private static String joinKind(Joins.Kind k) {
            return switch (k) {
                case INNER -> "";
                case LEFT -> "Left ";
                case RIGHT -> "Right ";
                case FULL -> "Full ";
                default -> k + " ";
            };
        }

        /** "ValuesPlan" to "Values Plan": a readable name for the other operators. */
        private static String words(String name) {
            return name.replaceAll("([a-z])([A-Z])", "$1 $2");
        }

        private String scan(Scans.TableScan scan, List<String> details) {
            if (scan.index() != null) {
                return indexScan(scan, details);
            }
            TableDescriptor t = scan.table();
            Scans.KeyAccess a = scan.access();
            int keyColumns = t.primaryKey().size();
            String access = a.isFull() ? "Full Scan" : a.equalities().size() == keyColumns ? "Point Get" : "Key Range Scan";
            int touched = a.equalities().size() == keyColumns ? pointFragments(scan) : t.fragments().size();
            details.add("fragments: " + touched + " of " + t.fragments().size());
            if (!a.isFull()) {
                details.add("Key Cond: " + keyCondition(t, a));
            }
            return access + " on " + t.name();
        }

        /**
         * A scan through a secondary index: the fragments are the index's that its lookups read (one
         * per looked-up value); each entry then fetches its row by primary key.
         */
        private String indexScan(Scans.TableScan scan, List<String> details) {
            TableDescriptor t = scan.table();
            Scans.IndexAccess a = scan.index();
            int touched = a.isPoint() ? indexFragments(scan) : a.index().fragments().size();
            details.add("fragments: " + touched + " of " + a.index().fragments().size()
                    + (a.ordered() ? " (index, read in key order and merged)" : " (index)") + ", rows fetched by primary key");
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < a.equalities().size(); i++) {
                terms.add(equalityTerm(keyPartLabel(t, a.index(), i), a.equalities().get(i)));
            }
            if (!a.isPoint() && (a.lower() != null || a.upper() != null)) {
                String column = keyPartLabel(t, a.index(), a.equalities().size());
                if (a.lower() != null) {
                    terms.add(column + (a.lowerInclusive() ? " >= " : " > ") + value(a.lower()));
                }
                if (a.upper() != null) {
                    terms.add(column + (a.upperInclusive() ? " <= " : " < ") + value(a.upper()));
                }
            }
            if (!terms.isEmpty()) {
                details.add("Index Cond: (" + String.join(" AND ", terms) + ")");
            }
            if (a.ordered()) {
                List<String> order = new ArrayList<>();
                for (int i = a.equalities().size(); i < a.index().columns().size(); i++) {
                    order.add(keyPartLabel(t, a.index(), i));
                }
                details.add("Index Order: " + String.join(", ", order));
            }
            String kind = a.isPoint() || a.ordered() ? "Index Scan" : "Index Range Scan";
            return kind + " using " + a.index().name() + " on " + t.name();
        }

        /** A key part as the Index Cond names it: the column, or the expression as pg_get_indexdef prints it. */
        private static String keyPartLabel(TableDescriptor t, io.tessera.cluster.api.IndexDescriptor index, int part) {
            return index.isExpression(part) ? index.expression(part).definitionText()
                    : t.columns().get(t.columnPosition(index.columns().get(part))).name();
        }

        private int indexFragments(Scans.TableScan scan) {
            var index = scan.index().index();
            List<List<Object>> keys;
            try {
                keys = scan.indexKeys(Env.root(ctx).child(new Object[0]));
            } catch (RuntimeException correlated) {
                return 1; // a value from an enclosing row or a parameter: one fragment per lookup
            }
            if (keys == null) {
                return 0;
            }
            if (keys.size() == 1 && keys.get(0).isEmpty()) {
                return index.fragments().size();
            }
            var layout = new io.tessera.sql.store.IndexLayout(scan.table(), index);
            Set<Long> fragments = new HashSet<>();
            for (List<Object> key : keys) {
                byte[] prefix = layout.lookupPrefix(key);
                fragments.add(layout.fragmentOf(prefix, prefix.length));
            }
            return fragments.size();
        }

        private String equalityTerm(String column, List<Expr> values) {
            return values.size() == 1 ? column + " = " + value(values.get(0))
                    : column + " = ANY ('{" + String.join(",", values.stream().map(this::value).toList()) + "}')";
        }

        /** The distinct fragments the point lookups of this scan go to. */
        private int pointFragments(Scans.TableScan scan) {
            TableDescriptor t = scan.table();
            List<TypeKind> kinds = t.primaryKey().stream().map(i -> t.columns().get(i).type().kind()).toList();
            List<List<Object>> keys;
            try {
                keys = scan.equalityPrefixes(Env.root(ctx).child(new Object[0]), kinds);
            } catch (RuntimeException correlated) {
                return 1; // a key from an enclosing row: one fragment per lookup
            }
            if (keys == null) {
                return 0;
            }
            Set<Long> fragments = new HashSet<>();
            for (List<Object> key : keys) {
                fragments.add(fragmentOf(t, KeySpace.tableKey(t.id(), KeyCodec.encode(key, kinds))));
            }
            return Math.min(Math.max(fragments.size(), Math.min(keys.size(), 1)), t.fragments().size());
        }

        private static long fragmentOf(TableDescriptor t, byte[] tableKey) {
            return io.tessera.sql.store.FragmentRouter.fragmentFor(t, tableKey);
        }

        private String keyCondition(TableDescriptor t, Scans.KeyAccess a) {
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < a.equalities().size(); i++) {
                String column = t.columns().get(t.primaryKey().get(i)).name();
                List<Expr> values = a.equalities().get(i);
                terms.add(values.size() == 1 ? column + " = " + value(values.get(0))
                        : column + " = ANY ('{" + String.join(",", values.stream().map(this::value).toList()) + "}')");
            }
            if (a.lower() != null || a.upper() != null) {
                String column = t.columns().get(t.primaryKey().get(a.equalities().size())).name();
                if (a.lower() != null) {
                    terms.add(column + (a.lowerInclusive() ? " >= " : " > ") + value(a.lower()));
                }
                if (a.upper() != null) {
                    terms.add(column + (a.upperInclusive() ? " <= " : " < ") + value(a.upper()));
                }
            }
            return "(" + String.join(" AND ", terms) + ")";
        }

        private String value(Expr e) {
            return switch (e) {
                case Expr.Constant c when c.value() == null -> "NULL";
                case Expr.Constant c when c.value() instanceof Number n -> n.toString();
                case Expr.Constant c -> "'" + c.value().toString().replace("'", "''") + "'";
                case Expr.Param p -> "$" + p.index();
                default -> sources.getOrDefault(e, "(expression)");
            };
        }

        private String text(Expr predicate) {
            String s = sources.get(predicate);
            return s == null ? "(condition)" : "(" + s + ")";
        }
    }
}
