package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Set-returning functions: in FROM ({@code generate_series(1, 3) s}, {@code unnest(a)}, any scalar
 * function as a one-row table, WITH ORDINALITY) and in a select list, where each call yields a list
 * of values and the rows are zipped (PostgreSQL 10+ semantics).
 */
final class SetFunctions {
    private SetFunctions() {}

    /** A composite value, such as a row of {@code information_schema._pg_expandarray}. */
    record Composite(List<String> names, Object[] values) {
        Object field(String name) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" not found in data type record");
            }
            return values[i];
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < values.length; i++) {
                b.append(i == 0 ? "" : ",");
                if (values[i] != null) {
                    field(values[i].toString(), b);
                }
            }
            return b.append(')').toString();
        }

        /** record_out's quoting: a field that is empty or holds quotes, backslashes, parentheses, commas or spaces is quoted. */
        private static void field(String v, StringBuilder b) {
            if (!v.isEmpty() && v.chars().noneMatch(ch -> "\"\\(),".indexOf(ch) >= 0 || Character.isWhitespace(ch))) {
                b.append(v);
                return;
            }
            b.append('"');
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == '"' || ch == '\\') {
                    b.append(ch);
                }
                b.append(ch);
            }
            b.append('"');
        }
    }

    /** Field types of the composites Tessera produces, by field name (records carry no type of their own). */
    static final Map<String, SqlType> COMPOSITE_FIELDS = Map.of("x", SqlType.INT4, "n", SqlType.INT4);

    static boolean isSetReturning(String name) {
        return name.equals("generate_series") || name.equals("unnest") || name.equals("_pg_expandarray")
                || name.equals("pg_partition_ancestors") || JsonFns.isSetReturning(name);
    }

    /** The element type of the rows a set-returning call yields. */
    static SqlType resultType(String name, List<Expr> args) {
        return switch (name) {
            case "generate_series" -> {
                SqlType t = SqlType.INT4;
                for (Expr a : args) {
                    t = Types.output(Types.common(t, a.type(), "generate_series"));
                }
                if (!t.kind().isInteger() && t.kind() != TypeKind.NUMERIC) {
                    throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function generate_series(" + t.kind().sqlName() + ") does not exist");
                }
                yield t;
            }
            case "unnest" -> Types.elementOf(arrayArg(name, args));
            case "_pg_expandarray" -> {
                arrayArg(name, args);
                yield SqlType.UNKNOWN;
            }
            case "pg_partition_ancestors" -> SqlType.OID;
            default -> {
                if (JsonFns.isSetReturning(name)) {
                    yield JsonFns.setResultType(name, args);
                }
                throw new IllegalStateException("not a set-returning function: " + name);
            }
        };
    }

    /** The columns a set-returning function yields in FROM, before any alias renames them. */
    static List<Plan.Column> columns(String name, SqlType type) {
        return switch (name) {
            case "_pg_expandarray" -> List.of(Plan.Column.computed("x", SqlType.INT4), Plan.Column.computed("n", SqlType.INT4));
            case "jsonb_each" -> List.of(Plan.Column.computed("key", SqlType.TEXT), Plan.Column.computed("value", SqlType.JSONB));
            case "jsonb_each_text" -> List.of(Plan.Column.computed("key", SqlType.TEXT), Plan.Column.computed("value", SqlType.TEXT));
            default -> List.of(Plan.Column.computed(JsonFns.isSetReturning(name) ? JsonFns.columnNames(name).get(0) : name, type));
        };
    }

    private static SqlType arrayArg(String name, List<Expr> args) {
        if (args.size() != 1 || !args.get(0).type().kind().isArray()) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + name + " needs one array argument");
        }
        return args.get(0).type();
    }

    /** The values one call yields, for argument values already evaluated. */
    static List<Object> values(String name, List<Object> args, SqlType type) {
        List<Object> out = new ArrayList<>();
        if (args.stream().anyMatch(a -> a == null)) {
            return out;
        }
        switch (name) {
            case "generate_series" -> series(args, type, out);
            case "unnest" -> out.addAll((List<?>) args.get(0));
            case "pg_partition_ancestors" -> { } // no Tessera relation is a partition: no rows, as PostgreSQL for plain tables
            case "_pg_expandarray" -> {
                List<?> arr = (List<?>) args.get(0);
                for (int i = 0; i < arr.size(); i++) {
                    Object x = arr.get(i) instanceof Number num ? (Object) num.intValue() : arr.get(i);
                    out.add(new Composite(List.of("x", "n"), new Object[] {x, i + 1}));
                }
            }
            default -> {
                if (!JsonFns.isSetReturning(name)) {
                    throw new IllegalStateException("not a set-returning function: " + name);
                }
                JsonFns.setValues(name, args.get(0), out);
            }
        }
        return out;
    }

    private static void series(List<Object> args, SqlType type, List<Object> out) {
        long start = ((Number) args.get(0)).longValue();
        long stop = ((Number) args.get(1)).longValue();
        long step = args.size() > 2 ? ((Number) args.get(2)).longValue() : 1;
        if (step == 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
        }
        for (long v = start; step > 0 ? v <= stop : v >= stop; v += step) {
            out.add(Casts.toNumber(v, type));
            Limits.checkRows(out.size());
        }
    }

    /** A function in FROM: its rows, plus the ordinality column when asked for. */
    record FunctionScan(String name, List<Expr> args, boolean setReturning, SqlType type, boolean ordinality,
            List<Column> columns) implements Plan {
        @Override
        public Rows open(Env outer) {
            Env env = outer.child(new Object[0]);
            List<Object> argValues = new ArrayList<>();
            for (Expr a : args) {
                argValues.add(a.eval(env));
            }
            List<Object> values = setReturning ? values(name, argValues, type) : List.of(scalar(env));
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                List<Object> row = new ArrayList<>();
                if (v instanceof Composite c) {
                    row.addAll(java.util.Arrays.asList(c.values()));
                } else {
                    row.add(v);
                }
                if (ordinality) {
                    row.add((long) i + 1);
                }
                rows.add(row.toArray());
            }
            return Operators.iterate(rows);
        }

        private Object scalar(Env env) {
            return args.get(0).eval(env);
        }
    }

    /** Select-list set-returning calls: per input row, zips their values into output rows. */
    record ProjectSet(Plan input, List<String> names, List<List<Expr>> args, List<SqlType> types, List<Column> columns)
            implements Plan {
        @Override
        public Rows open(Env outer) {
            Rows in = input.open(outer);
            Env env = outer.child(null);
            List<Object[]> pending = new ArrayList<>();
            int width = input.columns().size();
            return () -> {
                while (pending.isEmpty()) {
                    Object[] row = in.next();
                    if (row == null) {
                        return null;
                    }
                    env.row = row;
                    List<List<Object>> lists = new ArrayList<>();
                    int max = 0;
                    for (int f = 0; f < names.size(); f++) {
                        List<Object> argValues = new ArrayList<>();
                        for (Expr a : args.get(f)) {
                            argValues.add(a.eval(env));
                        }
                        List<Object> vs = values(names.get(f), argValues, types.get(f));
                        lists.add(vs);
                        max = Math.max(max, vs.size());
                    }
                    for (int i = 0; i < max; i++) {
                        Object[] out = java.util.Arrays.copyOf(row, width + names.size());
                        for (int f = 0; f < names.size(); f++) {
                            out[width + f] = i < lists.get(f).size() ? lists.get(f).get(i) : null;
                        }
                        pending.add(out);
                    }
                }
                return pending.removeFirst();
            };
        }
    }

    /** The set-returning calls of one select list while it is bound. */
    static final class Collector {
        final int baseWidth;
        final List<String> names = new ArrayList<>();
        final List<List<Expr>> args = new ArrayList<>();
        final List<SqlType> types = new ArrayList<>();
        final List<String> keys = new ArrayList<>();

        Collector(int baseWidth) {
            this.baseWidth = baseWidth;
        }

        /** Identical calls share one column, so (f(a)).x and f(a) come from the same row. */
        Expr add(String name, List<Expr> callArgs, String key) {
            int i = keys.indexOf(key);
            if (i < 0) {
                names.add(name);
                args.add(callArgs);
                types.add(resultType(name, callArgs));
                keys.add(key);
                i = names.size() - 1;
            }
            return new Expr.ColumnRef(0, baseWidth + i, types.get(i));
        }

        boolean isEmpty() { return names.isEmpty(); }
    }
}
