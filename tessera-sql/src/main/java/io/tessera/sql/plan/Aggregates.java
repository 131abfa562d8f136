package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** GROUP BY and the aggregate functions, with PostgreSQL's result types. */
final class Aggregates {
    private Aggregates() {}

    static final Set<String> NAMES = Set.of("count", "sum", "avg", "min", "max", "string_agg", "array_agg",
            "bool_and", "bool_or", "every", "jsonb_agg", "jsonb_object_agg");

    /**
     * One aggregate call: {@code count(*)} has no arguments. With {@code ORDER BY} inside the call
     * ({@code jsonb_agg(x ORDER BY y)}) the inputs are buffered and fed in that order; the sort keys'
     * columns index the buffered row, which holds the arguments and then the order expressions.
     */
    record Call(String name, List<Expr> args, boolean distinct, SqlType type, List<Expr> orderBy, List<Operators.SortKey> order) {
        Call(String name, List<Expr> args, boolean distinct, SqlType type) {
            this(name, args, distinct, type, List.of(), List.of());
        }
    }

    static SqlType resultType(String name, List<SqlType> args) {
        SqlType a = args.isEmpty() ? null : args.get(0);
        return switch (name) {
            case "count" -> SqlType.INT8;
            case "sum" -> switch (a.kind()) {
                case INT2, INT4 -> SqlType.INT8;
                case INT8, NUMERIC, UNKNOWN -> SqlType.NUMERIC;
                case FLOAT4 -> SqlType.FLOAT4;
                case FLOAT8 -> SqlType.FLOAT8;
                default -> throw noFunction(name, a);
            };
            case "avg" -> switch (a.kind()) {
                case INT2, INT4, INT8, NUMERIC, UNKNOWN -> SqlType.NUMERIC;
                case FLOAT4, FLOAT8 -> SqlType.FLOAT8;
                default -> throw noFunction(name, a);
            };
            case "min", "max" -> Types.output(a);
            case "string_agg" -> SqlType.TEXT;
            case "array_agg" -> Types.arrayOf(a);
            case "jsonb_agg", "jsonb_object_agg" -> SqlType.JSONB;
            default -> SqlType.BOOL;
        };
    }

    private static SqlException noFunction(String name, SqlType a) {
        return new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + a.kind().sqlName() + ") does not exist");
    }

    /** Groups its input and emits one row per group: the group keys, then the aggregate values. */
    record Aggregate(Plan input, List<Expr> groups, List<Call> calls, List<Column> columns) implements Plan {
        @Override
        public Rows open(Env outer) {
            Map<List<Object>, Group> groupsByKey = new LinkedHashMap<>();
            Rows in = input.open(outer);
            Env env = outer.child(null);
            for (Object[] row = in.next(); row != null; row = in.next()) {
                env.row = row;
                Object[] keyValues = new Object[groups.size()];
                List<Object> key = new ArrayList<>(groups.size());
                for (int i = 0; i < keyValues.length; i++) {
                    keyValues[i] = groups.get(i).eval(env);
                    key.add(Values.hashKey(keyValues[i]));
                }
                Group g = groupsByKey.computeIfAbsent(key, k -> new Group(keyValues, calls));
                Limits.checkRows(groupsByKey.size());
                g.add(env);
            }
            if (groupsByKey.isEmpty() && groups.isEmpty()) {
                groupsByKey.put(List.of(), new Group(new Object[0], calls));
            }
            List<Object[]> out = new ArrayList<>(groupsByKey.size());
            for (Group g : groupsByKey.values()) {
                out.add(g.result());
            }
            return Operators.iterate(out);
        }
    }

    private static final class Group {
        final Object[] keys;
        final List<Call> calls;
        final Accumulator[] accs;

        Group(Object[] keys, List<Call> calls) {
            this.keys = keys;
            this.calls = calls;
            this.accs = new Accumulator[calls.size()];
            for (int i = 0; i < accs.length; i++) {
                accs[i] = new Accumulator(calls.get(i));
            }
        }

        void add(Env env) {
            for (Accumulator a : accs) {
                a.add(env);
            }
        }

        Object[] result() {
            Object[] out = new Object[keys.length + accs.length];
            System.arraycopy(keys, 0, out, 0, keys.length);
            for (int i = 0; i < accs.length; i++) {
                out[keys.length + i] = accs[i].result();
            }
            return out;
        }
    }

    static final class Accumulator {
        final Call call;
        final Set<Object> seen;
        long count;
        Object value;
        BigDecimal decimalSum;
        double doubleSum;
        StringBuilder text;
        List<Object> list;
        /** The array of jsonb_agg or the object of jsonb_object_agg, rendered when the group ends. */
        com.fasterxml.jackson.databind.JsonNode json;
        /** Inputs of an aggregate with ORDER BY, fed in order when the result is asked for. */
        final List<Object[]> ordered = new ArrayList<>();
        java.time.ZoneId zone = java.time.ZoneOffset.UTC;

        Accumulator(Call call) {
            this.call = call;
            this.seen = call.distinct() ? new HashSet<>() : null;
        }

        void add(Env env) {
            if (call.args().isEmpty()) {
                count++;
                return;
            }
            int n = call.args().size();
            Object[] a = new Object[n + call.orderBy().size()];
            for (int i = 0; i < n; i++) {
                a[i] = call.args().get(i).eval(env);
            }
            for (int i = 0; i < call.orderBy().size(); i++) {
                a[n + i] = call.orderBy().get(i).eval(env);
            }
            zone = env.ctx.zone();
            if (call.orderBy().isEmpty()) {
                addValues(a);
            } else {
                ordered.add(a);
                Limits.checkRows(ordered.size());
            }
        }

        /** Feeds the inputs an ORDER BY inside the call buffered, in that order. */
        private void drainOrdered() {
            if (ordered.isEmpty()) {
                return;
            }
            ordered.sort(Operators.comparator(call.order()));
            for (Object[] a : ordered) {
                addValues(a);
            }
            ordered.clear();
        }

        private void addValues(Object[] a) {
            Object v = a[0];
            if (v == null && !keepsNulls(call.name())) {
                return;
            }
            if (seen != null && !seen.add(Values.hashKey(v))) {
                return;
            }
            count++;
            switch (call.name()) {
                case "count" -> { }
                case "sum", "avg" -> addSum(v);
                case "min" -> value = value == null || Values.compare(v, value) < 0 ? v : value;
                case "max" -> value = value == null || Values.compare(v, value) > 0 ? v : value;
                case "bool_and", "every" -> value = value == null ? v : (Boolean) value && (Boolean) v;
                case "bool_or" -> value = value == null ? v : (Boolean) value || (Boolean) v;
                case "string_agg" -> addText(v, a.length > 1 ? a[1] : null);
                case "jsonb_agg" -> json().add(JsonTrees.toJson(v, call.args().get(0).type(), zone));
                case "jsonb_object_agg" -> addField(v, a[1]);
                case "array_agg" -> {
                    if (list == null) {
                        list = new ArrayList<>();
                    }
                    list.add(v);
                }
                default -> throw new IllegalStateException("aggregate " + call.name());
            }
        }

        /** array_agg and jsonb_agg keep null inputs as elements; jsonb_object_agg rejects null keys itself. */
        private static boolean keepsNulls(String name) {
            return name.equals("array_agg") || name.equals("jsonb_agg") || name.equals("jsonb_object_agg");
        }

        private com.fasterxml.jackson.databind.node.ArrayNode json() {
            if (json == null) {
                json = JsonTrees.NODES.arrayNode();
            }
            return (com.fasterxml.jackson.databind.node.ArrayNode) json;
        }

        private void addField(Object key, Object fieldValue) {
            if (key == null) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "field name must not be null");
            }
            if (json == null) {
                json = JsonTrees.NODES.objectNode();
            }
            String name = JsonTrees.keyText(key, call.args().get(0).type(), zone, 1);
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).set(name,
                    JsonTrees.toJson(fieldValue, call.args().get(1).type(), zone));
        }

        private void addText(Object v, Object sep) {
            if (text == null) {
                text = new StringBuilder();
            } else if (sep != null) {
                text.append(sep);
            }
            text.append(v);
        }

        private void addSum(Object v) {
            if (v instanceof Double || v instanceof Float) {
                doubleSum += ((Number) v).doubleValue();
            } else {
                BigDecimal d = Values.toBigDecimal((Number) v);
                decimalSum = decimalSum == null ? d : decimalSum.add(d);
            }
        }

        Object result() {
            drainOrdered();
            TypeKind k = call.type().kind();
            return switch (call.name()) {
                case "count" -> count;
                case "sum" -> count == 0 ? null : sumResult(k);
                case "avg" -> count == 0 ? null : k == TypeKind.FLOAT8 ? doubleSum / count
                        : Arithmetic.divide(decimalSum, BigDecimal.valueOf(count));
                case "string_agg" -> text == null ? null : text.toString();
                case "array_agg" -> list;
                case "jsonb_agg", "jsonb_object_agg" -> json == null ? null : JsonTrees.jsonb(json);
                default -> value;
            };
        }

        private Object sumResult(TypeKind k) {
            return switch (k) {
                case INT8 -> {
                    try {
                        yield decimalSum.longValueExact();
                    } catch (ArithmeticException e) {
                        throw Errors.outOfRange("bigint");
                    }
                }
                case FLOAT4 -> (float) doubleSum;
                case FLOAT8 -> doubleSum;
                default -> decimalSum;
            };
        }
    }
}
