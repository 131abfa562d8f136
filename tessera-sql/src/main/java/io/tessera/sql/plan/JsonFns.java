package io.tessera.sql.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.JsonbText;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jsonb functions: scalar ones (jsonb_build_object, jsonb_set, to_jsonb, ...) registered into
 * {@link Functions}, and the rows of the set-returning ones (jsonb_array_elements, jsonb_each,
 * jsonb_object_keys) that {@link SetFunctions} yields. Argument kinds are checked when binding, so a
 * call on the wrong type fails with 42883 as PostgreSQL's function lookup does.
 */
final class JsonFns {
    private JsonFns() {}

    private static final SqlType TEXT_ARRAY = SqlType.of(TypeKind.TEXT_ARRAY);

    /** The body of a function, given its argument values and types. */
    private interface Body {
        Object apply(List<Object> args, List<SqlType> types, ZoneId zone);
    }

    /**
     * A function with declared argument types ({@code null} accepts any type); with {@code variadic}
     * the last declared type repeats. Untyped literals are converted to the declared type.
     */
    private record Signature(String name, SqlType result, List<SqlType> params, int required, boolean variadic,
            boolean strict, Body body) implements Functions.Fn {
        @Override public SqlType resultType(List<SqlType> args) { return result; }

        @Override
        public Object call(List<Object> args, List<SqlType> types, ExecContext ctx) {
            return body.apply(args, types, ctx.zone());
        }

        @Override
        public SqlType argumentType(int index, List<SqlType> args) {
            if (args.size() < required || !variadic && args.size() > params.size()) {
                throw noFunction(name, args);
            }
            if (params.isEmpty()) {
                return null;
            }
            SqlType want = params.get(Math.min(index, params.size() - 1));
            if (want == null) {
                return null;
            }
            TypeKind have = args.get(index).kind();
            if (have != TypeKind.UNKNOWN && have != want.kind() && !(have.isString() && want.kind().isString())
                    && !(have.isInteger() && want.kind().isInteger())) {
                throw noFunction(name, args);
            }
            return want;
        }
    }

    static SqlException noFunction(String name, List<SqlType> args) {
        String types = String.join(", ", args.stream().map(t -> Types.output(t).kind().sqlName()).toList());
        return new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + types + ") does not exist")
                .withHint("No function matches the given name and argument types. You might need to add explicit type casts.");
    }

    static void register(Map<String, Functions.Fn> into) {
        List<Signature> all = List.of(
                new Signature("jsonb_build_object", SqlType.JSONB, List.of(), 0, true, false, (a, t, z) -> buildObject(a, t, z)),
                new Signature("jsonb_build_array", SqlType.JSONB, List.of(), 0, true, false, (a, t, z) -> buildArray(a, t, z)),
                new Signature("to_jsonb", SqlType.JSONB, nullable(1), 1, false, true,
                        (a, t, z) -> JsonTrees.jsonb(JsonTrees.toJson(a.get(0), t.get(0), z))),
                new Signature("jsonb_typeof", SqlType.TEXT, List.of(SqlType.JSONB), 1, false, true,
                        (a, t, z) -> JsonTrees.typeName(JsonTrees.tree(a.get(0)))),
                new Signature("jsonb_array_length", SqlType.INT4, List.of(SqlType.JSONB), 1, false, true,
                        (a, t, z) -> arrayLength(JsonTrees.tree(a.get(0)))),
                new Signature("jsonb_strip_nulls", SqlType.JSONB, List.of(SqlType.JSONB), 1, false, true,
                        (a, t, z) -> JsonTrees.jsonb(JsonTrees.stripNulls(JsonTrees.tree(a.get(0))))),
                new Signature("jsonb_pretty", SqlType.TEXT, List.of(SqlType.JSONB), 1, false, true,
                        (a, t, z) -> JsonTrees.pretty(JsonTrees.tree(a.get(0)))),
                new Signature("jsonb_set", SqlType.JSONB, List.of(SqlType.JSONB, TEXT_ARRAY, SqlType.JSONB, SqlType.BOOL), 3, false, true,
                        (a, t, z) -> JsonTrees.jsonb(JsonTrees.set(JsonTrees.tree(a.get(0)), (List<?>) a.get(1),
                                JsonTrees.tree(a.get(2)), a.size() < 4 || (Boolean) a.get(3)))),
                new Signature("jsonb_extract_path", SqlType.JSONB, List.of(SqlType.JSONB, SqlType.TEXT), 1, true, true,
                        (a, t, z) -> {
                            JsonNode n = JsonTrees.atPath(JsonTrees.tree(a.get(0)), a.subList(1, a.size()));
                            return n == null ? null : JsonTrees.jsonb(n);
                        }),
                new Signature("jsonb_extract_path_text", SqlType.TEXT, List.of(SqlType.JSONB, SqlType.TEXT), 1, true, true,
                        (a, t, z) -> JsonTrees.text(JsonTrees.atPath(JsonTrees.tree(a.get(0)), a.subList(1, a.size())))));
        for (Signature s : all) {
            into.put(s.name(), s);
        }
    }

    private static List<SqlType> nullable(int n) {
        List<SqlType> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(null);
        }
        return out;
    }

    private static Object buildObject(List<Object> args, List<SqlType> types, ZoneId zone) {
        if (args.size() % 2 != 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "argument list must have even number of elements")
                    .withHint("The arguments of jsonb_build_object() must consist of alternating keys and values.");
        }
        ObjectNode out = JsonTrees.NODES.objectNode();
        for (int i = 0; i < args.size(); i += 2) {
            String key = JsonTrees.keyText(args.get(i), types.get(i), zone, i + 1);
            out.set(key, JsonTrees.toJson(args.get(i + 1), types.get(i + 1), zone));
        }
        return JsonTrees.jsonb(out);
    }

    private static Object buildArray(List<Object> args, List<SqlType> types, ZoneId zone) {
        ArrayNode out = JsonTrees.NODES.arrayNode();
        for (int i = 0; i < args.size(); i++) {
            out.add(JsonTrees.toJson(args.get(i), types.get(i), zone));
        }
        return JsonTrees.jsonb(out);
    }

    private static int arrayLength(JsonNode node) {
        if (node.isArray()) {
            return node.size();
        }
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                node.isObject() ? "cannot get array length of a non-array" : "cannot get array length of a scalar");
    }

    // ---------------------------------------------------------------- set-returning

    static boolean isSetReturning(String name) {
        return switch (name) {
            case "jsonb_array_elements", "jsonb_array_elements_text", "jsonb_each", "jsonb_each_text", "jsonb_object_keys" -> true;
            default -> false;
        };
    }

    /** The type of one value a set-returning jsonb function yields. */
    static SqlType setResultType(String name, List<Expr> args) {
        List<SqlType> types = args.stream().map(Expr::type).toList();
        if (args.size() != 1 || types.get(0).kind() != TypeKind.JSONB && types.get(0).kind() != TypeKind.UNKNOWN) {
            throw noFunction(name, types);
        }
        return switch (name) {
            case "jsonb_array_elements" -> SqlType.JSONB;
            case "jsonb_each", "jsonb_each_text" -> SqlType.UNKNOWN; // a (key, value) record, as _pg_expandarray's
            default -> SqlType.TEXT;
        };
    }

    /** The column names of the function in FROM (jsonb_each yields two). */
    static List<String> columnNames(String name) {
        return switch (name) {
            case "jsonb_each", "jsonb_each_text" -> List.of("key", "value");
            case "jsonb_object_keys" -> List.of(name);
            default -> List.of("value");
        };
    }

    /** The rows of one call; an untyped literal argument is parsed as jsonb here. */
    static void setValues(String name, Object arg, List<Object> out) {
        JsonNode node = arg instanceof String s ? JsonbText.parseTree(s) : JsonTrees.tree(arg);
        boolean text = name.endsWith("_text");
        switch (name) {
            case "jsonb_array_elements", "jsonb_array_elements_text" -> {
                if (!node.isArray()) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                            node.isObject() ? "cannot extract elements from an object" : "cannot extract elements from a scalar");
                }
                for (JsonNode e : node) {
                    out.add(text ? JsonTrees.text(e) : JsonTrees.jsonb(e));
                    Limits.checkRows(out.size());
                }
            }
            case "jsonb_each", "jsonb_each_text" -> {
                if (!node.isObject()) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + name + " on a non-object");
                }
                for (Map.Entry<String, JsonNode> f : JsonbText.sortedFields((ObjectNode) node)) {
                    Object v = text ? JsonTrees.text(f.getValue()) : JsonTrees.jsonb(f.getValue());
                    out.add(new SetFunctions.Composite(List.of("key", "value"), new Object[] {f.getKey(), v}));
                }
            }
            case "jsonb_object_keys" -> {
                if (!node.isObject()) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                            "cannot call jsonb_object_keys on " + (node.isArray() ? "an array" : "a scalar"));
                }
                for (Map.Entry<String, JsonNode> f : JsonbText.sortedFields((ObjectNode) node)) {
                    out.add(f.getKey());
                }
            }
            default -> throw new IllegalStateException("not a set-returning jsonb function: " + name);
        }
    }
}
