package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TextFormat;
import io.tessera.common.types.TypeKind;
import io.tessera.sql.spi.SqlFunction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The scalar functions the engine implements itself, and those of {@code SystemCatalogProvider}s
 * (pg_get_userbyid, format_type, ...), which take precedence. Names are lower-case and unqualified.
 */
public final class Functions {

    /** A function the planner can call: typed at bind time, evaluated per row. */
    public interface Fn {
        SqlType resultType(List<SqlType> args);

        Object call(List<Object> args, List<SqlType> argTypes, ExecContext ctx);

        default boolean strict() { return true; }

        /** Types the arguments are converted to before the call; null keeps them as they are. */
        default SqlType argumentType(int index, List<SqlType> args) { return null; }
    }

    /** The product name and version reported by version(); clients parse the "PostgreSQL 15.x" head. */
    public static final String VERSION = "PostgreSQL 15.20 (Tessera 0.1.0) on x86_64-pc-linux-gnu, compiled by javac, 64-bit";

    private final Map<String, Fn> builtins = new HashMap<>();
    private final Map<String, SqlFunction> provided = new HashMap<>();

    public Functions(List<SqlFunction> providedFunctions) {
        for (SqlFunction f : providedFunctions) {
            provided.put(f.name(), f);
        }
        registerText();
        registerMath();
        registerSession();
        JsonFns.register(builtins);
    }

    /**
     * The function called {@code name}, or null. A catalog provider's function wins over the
     * engine's own of the same name (current_schemas follows search_path there, pg_backend_pid
     * reads the session's backend id); the engine's are the fallback when no provider has one.
     */
    public Fn lookup(String name) {
        SqlFunction p = provided.get(name);
        if (p != null) {
            return adapt(p);
        }
        return builtins.get(name);
    }

    private static Fn adapt(SqlFunction f) {
        return new Fn() {
            @Override public SqlType resultType(List<SqlType> args) { return f.resultType(args); }

            @Override
            public Object call(List<Object> args, List<SqlType> argTypes, ExecContext ctx) {
                return f.call(args, ctx.system());
            }

            @Override public boolean strict() { return f.strict(); }

            @Override
            public SqlType argumentType(int index, List<SqlType> args) {
                return args.get(index).kind() == TypeKind.UNKNOWN ? SqlType.TEXT : null;
            }
        };
    }

    private void simple(String name, SqlType result, SqlType argType, Function<List<Object>, Object> body) {
        builtins.put(name, new Fn() {
            @Override public SqlType resultType(List<SqlType> args) { return result; }
            @Override public Object call(List<Object> args, List<SqlType> t, ExecContext ctx) { return body.apply(args); }
            @Override public SqlType argumentType(int index, List<SqlType> args) { return argType; }
        });
    }

    private void typed(String name, Function<List<SqlType>, SqlType> result, BiFunction<List<Object>, List<SqlType>, Object> body,
            boolean strict) {
        builtins.put(name, new Fn() {
            @Override public SqlType resultType(List<SqlType> args) { return result.apply(args); }
            @Override public Object call(List<Object> args, List<SqlType> t, ExecContext ctx) { return body.apply(args, t); }
            @Override public boolean strict() { return strict; }
        });
    }

    private void contextual(String name, SqlType result, BiFunction<List<Object>, ExecContext, Object> body) {
        builtins.put(name, new Fn() {
            @Override public SqlType resultType(List<SqlType> args) { return result; }
            @Override public Object call(List<Object> args, List<SqlType> t, ExecContext ctx) { return body.apply(args, ctx); }
            @Override public boolean strict() { return false; }
            @Override public SqlType argumentType(int index, List<SqlType> args) {
                return args.get(index).kind() == TypeKind.UNKNOWN ? SqlType.TEXT : null;
            }
        });
    }

    private static String s(List<Object> a, int i) { return (String) a.get(i); }

    private static int i(List<Object> a, int i) { return ((Number) a.get(i)).intValue(); }

    private void registerText() {
        simple("lower", SqlType.TEXT, SqlType.TEXT, a -> s(a, 0).toLowerCase(java.util.Locale.ROOT));
        simple("upper", SqlType.TEXT, SqlType.TEXT, a -> s(a, 0).toUpperCase(java.util.Locale.ROOT));
        for (String n : List.of("length", "char_length", "character_length")) {
            simple(n, SqlType.INT4, SqlType.TEXT, a -> s(a, 0).codePointCount(0, s(a, 0).length()));
        }
        simple("octet_length", SqlType.INT4, SqlType.TEXT, a -> s(a, 0).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        builtins.put("substring", substring());
        builtins.put("substr", substring());
        simple("btrim", SqlType.TEXT, SqlType.TEXT, a -> TextFns.trim(s(a, 0), a.size() > 1 ? s(a, 1) : " ", true, true));
        simple("ltrim", SqlType.TEXT, SqlType.TEXT, a -> TextFns.trim(s(a, 0), a.size() > 1 ? s(a, 1) : " ", true, false));
        simple("rtrim", SqlType.TEXT, SqlType.TEXT, a -> TextFns.trim(s(a, 0), a.size() > 1 ? s(a, 1) : " ", false, true));
        simple("strpos", SqlType.INT4, SqlType.TEXT, a -> TextFns.position(s(a, 1), s(a, 0)));
        simple("position", SqlType.INT4, SqlType.TEXT, a -> TextFns.position(s(a, 0), s(a, 1)));
        simple("replace", SqlType.TEXT, SqlType.TEXT, a -> s(a, 1).isEmpty() ? s(a, 0) : s(a, 0).replace(s(a, 1), s(a, 2)));
        simple("left", SqlType.TEXT, null, a -> TextFns.left(s(a, 0), i(a, 1)));
        simple("right", SqlType.TEXT, null, a -> TextFns.right(s(a, 0), i(a, 1)));
        simple("repeat", SqlType.TEXT, null, a -> s(a, 0).repeat(Math.max(0, i(a, 1))));
        simple("reverse", SqlType.TEXT, SqlType.TEXT, a -> new StringBuilder(s(a, 0)).reverse().toString());
        simple("starts_with", SqlType.BOOL, SqlType.TEXT, a -> s(a, 0).startsWith(s(a, 1)));
        simple("split_part", SqlType.TEXT, null, a -> TextFns.splitPart(s(a, 0), s(a, 1), i(a, 2)));
        simple("initcap", SqlType.TEXT, SqlType.TEXT, a -> TextFns.initcap(s(a, 0)));
        simple("md5", SqlType.TEXT, SqlType.TEXT, a -> TextFns.md5(s(a, 0)));
        simple("lpad", SqlType.TEXT, null, a -> TextFns.pad(s(a, 0), i(a, 1), a.size() > 2 ? s(a, 2) : " ", true));
        simple("rpad", SqlType.TEXT, null, a -> TextFns.pad(s(a, 0), i(a, 1), a.size() > 2 ? s(a, 2) : " ", false));
        simple("ascii", SqlType.INT4, SqlType.TEXT, a -> s(a, 0).isEmpty() ? 0 : s(a, 0).codePointAt(0));
        simple("chr", SqlType.TEXT, null, a -> new String(Character.toChars(i(a, 0))));
        typed("concat", a -> SqlType.TEXT, (a, t) -> TextFns.concat(a, t, null), false);
        typed("concat_ws", a -> SqlType.TEXT, (a, t) -> a.get(0) == null ? null
                : TextFns.concat(a.subList(1, a.size()), t.subList(1, t.size()), (String) a.get(0)), false);
        typed("array_to_string", a -> SqlType.TEXT, (a, t) -> TextFns.arrayToString((List<?>) a.get(0), (String) a.get(1)), true);
        typed("array_length", a -> SqlType.INT4, (a, t) -> ((List<?>) a.get(0)).isEmpty() ? null : ((List<?>) a.get(0)).size(), true);
        typed("array_upper", a -> SqlType.INT4, (a, t) -> ((List<?>) a.get(0)).isEmpty() ? null : ((List<?>) a.get(0)).size(), true);
        typed("array_position", a -> SqlType.INT4, (a, t) -> {
            int i = ((List<?>) a.get(0)).indexOf(a.get(1));
            return i < 0 ? null : i + 1;
        }, false);
        typed("cardinality", a -> SqlType.INT4, (a, t) -> ((List<?>) a.get(0)).size(), true);
    }

    private Fn substring() {
        return new Fn() {
            @Override public SqlType resultType(List<SqlType> args) { return SqlType.TEXT; }

            @Override
            public Object call(List<Object> a, List<SqlType> t, ExecContext ctx) {
                return TextFns.substring(s(a, 0), i(a, 1), a.size() > 2 ? i(a, 2) : -1);
            }

            @Override
            public SqlType argumentType(int index, List<SqlType> args) {
                return index == 0 ? SqlType.TEXT : SqlType.INT4;
            }
        };
    }

    private void registerMath() {
        typed("abs", a -> Types.output(a.get(0)), (a, t) -> {
            Object v = a.get(0);
            return Values.compare(v, 0L) < 0 ? Arithmetic.negate(v, t.get(0)) : v;
        }, true);
        typed("round", a -> a.get(0).kind() == TypeKind.FLOAT8 || a.get(0).kind() == TypeKind.FLOAT4 ? SqlType.FLOAT8
                : SqlType.NUMERIC, (a, t) -> MathFns.round(a.get(0), a.size() > 1 ? ((Number) a.get(1)).intValue() : 0), true);
        typed("trunc", a -> a.get(0).kind() == TypeKind.FLOAT8 ? SqlType.FLOAT8 : SqlType.NUMERIC,
                (a, t) -> MathFns.trunc(a.get(0), a.size() > 1 ? ((Number) a.get(1)).intValue() : 0), true);
        for (String n : List.of("ceil", "ceiling")) {
            typed(n, a -> a.get(0).kind() == TypeKind.FLOAT8 || a.get(0).kind() == TypeKind.FLOAT4 ? SqlType.FLOAT8
                    : SqlType.NUMERIC, (a, t) -> MathFns.scale0(a.get(0), RoundingMode.CEILING), true);
        }
        typed("floor", a -> a.get(0).kind() == TypeKind.FLOAT8 || a.get(0).kind() == TypeKind.FLOAT4 ? SqlType.FLOAT8
                : SqlType.NUMERIC, (a, t) -> MathFns.scale0(a.get(0), RoundingMode.FLOOR), true);
        typed("mod", a -> Types.arithmetic(a.get(0), a.get(1)),
                (a, t) -> Arithmetic.apply('%', a.get(0), a.get(1), Types.arithmetic(t.get(0), t.get(1))), true);
        simple("sqrt", SqlType.FLOAT8, SqlType.FLOAT8, a -> MathFns.sqrt((Double) a.get(0)));
        simple("power", SqlType.FLOAT8, SqlType.FLOAT8, a -> Math.pow((Double) a.get(0), (Double) a.get(1)));
        simple("pow", SqlType.FLOAT8, SqlType.FLOAT8, a -> Math.pow((Double) a.get(0), (Double) a.get(1)));
        typed("sign", a -> Types.output(a.get(0)), (a, t) -> Casts.toNumber(Integer.signum(Values.compare(a.get(0), 0L)), t.get(0)), true);
    }

    private void registerSession() {
        contextual("now", SqlType.TIMESTAMPTZ, (a, c) -> c.statementTime());
        contextual("current_timestamp", SqlType.TIMESTAMPTZ, (a, c) -> c.statementTime());
        contextual("localtimestamp", SqlType.TIMESTAMP, (a, c) -> java.time.LocalDateTime.ofInstant(c.statementTime(), c.zone()));
        contextual("transaction_timestamp", SqlType.TIMESTAMPTZ, (a, c) -> c.statementTime());
        contextual("statement_timestamp", SqlType.TIMESTAMPTZ, (a, c) -> c.statementTime());
        contextual("clock_timestamp", SqlType.TIMESTAMPTZ, (a, c) -> c.statementTime());
        contextual("current_date", SqlType.DATE, (a, c) -> LocalDate.ofInstant(c.statementTime(), c.zone()));
        contextual("current_user", SqlType.NAME, (a, c) -> c.system().user());
        contextual("session_user", SqlType.NAME, (a, c) -> c.system().user());
        contextual("user", SqlType.NAME, (a, c) -> c.system().user());
        contextual("current_role", SqlType.NAME, (a, c) -> c.system().user());
        contextual("current_schema", SqlType.NAME, (a, c) -> "public");
        contextual("current_database", SqlType.NAME, (a, c) -> c.system().database());
        contextual("current_catalog", SqlType.NAME, (a, c) -> c.system().database());
        contextual("version", SqlType.TEXT, (a, c) -> VERSION);
        contextual("pg_backend_pid", SqlType.INT4, (a, c) -> 0);
        contextual("current_schemas", SqlType.of(TypeKind.TEXT_ARRAY),
                (a, c) -> Boolean.TRUE.equals(a.get(0)) ? List.of("pg_catalog", "public") : List.of("public"));
        contextual("current_setting", SqlType.TEXT, (a, c) -> {
            String v = c.system().setting(((String) a.get(0)).toLowerCase(java.util.Locale.ROOT));
            if (v == null && !(a.size() > 1 && Boolean.TRUE.equals(a.get(1)))) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + a.get(0) + "\"");
            }
            return v;
        });
        contextual("set_config", SqlType.TEXT, (a, c) -> c.settings().set((String) a.get(0), (String) a.get(1),
                Boolean.TRUE.equals(a.get(2))));
        contextual("nextval", SqlType.INT8, (a, c) -> c.catalog().nextval(sequenceName((String) a.get(0))));
        typed("pg_typeof", a -> SqlType.TEXT, (a, t) -> Types.output(t.get(0)).displayName(), false);
    }

    /** {@code nextval('public.t_id_seq')} and {@code nextval('"T_id_seq"')} name the same way as tables do. */
    static String sequenceName(String text) {
        String n = text.trim();
        if (n.startsWith("public.")) {
            n = n.substring("public.".length());
        }
        if (n.startsWith("\"") && n.endsWith("\"") && n.length() > 1) {
            return n.substring(1, n.length() - 1);
        }
        return n.toLowerCase(java.util.Locale.ROOT);
    }

    /** Text of a value for concat() and ||. */
    static String text(Object v, SqlType t, java.time.ZoneId zone) {
        if (v instanceof String s) {
            return t.kind() == TypeKind.BPCHAR ? s.stripTrailing() : s;
        }
        return TextFormat.format(v, t, zone);
    }

    static final class MathFns {
        private MathFns() {}

        static Object round(Object v, int digits) {
            if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                return digits == 0 ? Math.rint(d) : new BigDecimal(d).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
            }
            return Values.toBigDecimal((Number) v).setScale(digits, RoundingMode.HALF_UP);
        }

        static Object trunc(Object v, int digits) {
            if (v instanceof Double d) {
                return new BigDecimal(d).setScale(digits, RoundingMode.DOWN).doubleValue();
            }
            return Values.toBigDecimal((Number) v).setScale(digits, RoundingMode.DOWN);
        }

        static Object scale0(Object v, RoundingMode mode) {
            if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                return mode == RoundingMode.CEILING ? Math.ceil(d) : Math.floor(d);
            }
            return Values.toBigDecimal((Number) v).setScale(0, mode);
        }

        static double sqrt(double d) {
            if (d < 0) {
                throw new SqlException("2201F", "cannot take square root of a negative number");
            }
            return Math.sqrt(d);
        }
    }
}
