package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.RowGetExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperatorType;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.Select;

/** Binds parser expressions to typed {@link Expr}s against a {@link Scope}. */
final class ExprBinder {

    /** Column-like keywords that are really functions of the session. */
    private static final Set<String> SESSION_KEYWORDS = Set.of("current_user", "session_user", "user", "current_role",
            "current_catalog", "current_schema");

    private final Planner planner;

    ExprBinder(Planner planner) {
        this.planner = planner;
    }

    /** The binding state of one expression: its scope and, in an aggregate query, the grouping. */
    /**
     * @param probe an aggregate call aborts binding with {@link Planner.AggregateFound} (used to learn
     *     whether a query level aggregates before binding it for real)
     * @param windows where window functions of this level register; null where they are not allowed
     */
    record Ctx(Scope scope, Grouping grouping, boolean probe, Windows windows, SetFunctions.Collector setFunctions) {
        static Ctx of(Scope scope) {
            return new Ctx(scope, null, false, null, null);
        }
    }

    Expr bind(Expression e, Ctx c) {
        if (e instanceof AndExpression || e instanceof OrExpression || e instanceof NotExpression || e instanceof InExpression) {
            Expression fixed = rewriteOnce(e, BooleanPrecedence::fix);
            if (fixed != e) {
                return bind(fixed, c);
            }
        }
        if (c.grouping() != null) {
            Expr grouped = c.grouping().match(e, this, c);
            if (grouped != null) {
                return grouped;
            }
        }
        return switch (e) {
            case NullValue n -> new Expr.Constant(null, SqlType.UNKNOWN);
            case LongValue l -> integerLiteral(l.getStringValue());
            case DoubleValue d -> new Expr.Constant(new BigDecimal(d.toString()), SqlType.NUMERIC);
            case StringValue s -> new Expr.Constant(stringValue(s), SqlType.UNKNOWN);
            case BooleanValue b -> new Expr.Constant(b.getValue(), SqlType.BOOL);
            case JdbcParameter p -> planner.param(p.getIndex());
            case Column col -> column(col, c);
            case TimeKeyExpression t -> function(t.getStringValue().toLowerCase(Locale.ROOT), List.of(), c);
            case ParenthesedExpressionList<?> p when p.size() == 1 -> bind(p.get(0), c);
            case SignedExpression s -> signed(s, c);
            case Addition a -> arithmetic('+', a, c);
            case Subtraction a -> arithmetic('-', a, c);
            case Multiplication a -> arithmetic('*', a, c);
            case Division a -> arithmetic('/', a, c);
            case Modulo a -> arithmetic('%', a, c);
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd a -> bitwise('&', a, c);
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr a -> bitwise('|', a, c);
            case Concat a -> concat(bind(a.getLeftExpression(), c), bind(a.getRightExpression(), c));
            case AndExpression a -> new Predicates.And(List.of(bool(a.getLeftExpression(), c, "AND"), bool(a.getRightExpression(), c, "AND")));
            case OrExpression o -> new Predicates.Or(List.of(bool(o.getLeftExpression(), c, "OR"), bool(o.getRightExpression(), c, "OR")));
            case NotExpression n -> new Predicates.Not(bool(n.getExpression(), c, "NOT"));
            case IsNullExpression n -> isNull(bind(n.getLeftExpression(), c), n.isNot());
            case IsBooleanExpression b -> isBoolean(bool(b.getLeftExpression(), c, "IS"), b.isTrue(), b.isNot());
            case IsDistinctExpression d -> distinct(d, c);
            case ComparisonOperator op -> comparison(op, c);
            case InExpression in -> in(in, c);
            case Between b -> between(b, c);
            case LikeExpression l -> like(l, c);
            case RegExpMatchOperator r -> regex(r, c);
            case CaseExpression ce -> caseExpr(ce, c);
            case CastExpression ce -> planner.casts().bindCast(bind(ce.getLeftExpression(), c), ce.getColDataType(), ce);
            case Function f -> function(f, c);
            case TrimFunction t -> trim(t, c);
            case ExistsExpression x -> subqueries().exists((Select) x.getRightExpression(), c, x.isNot());
            case Select s -> subqueries().scalar(s, c);
            case ArrayConstructor a -> array(a, c);
            case CollateExpression ce -> bind(ce.getLeftExpression(), c);
            case AnalyticExpression a -> planner.window(a, c);
            case RowGetExpression r -> fieldOf(r, c);
            case net.sf.jsqlparser.expression.JsonExpression j -> JsonOps.navigate(this, j, c);
            case net.sf.jsqlparser.expression.LambdaExpression l when l.getIdentifiers().size() == 1 ->
                    bind(rewriteOnce(l, x -> JsonOps.fromLambda((net.sf.jsqlparser.expression.LambdaExpression) x)), c);
            case net.sf.jsqlparser.expression.operators.relational.JsonOperator j ->
                    jsonOperator(j.getStringExpression(), bind(j.getLeftExpression(), c), bind(j.getRightExpression(), c));
            case net.sf.jsqlparser.expression.ArrayExpression a -> subscript(bind(a.getObjExpression(), c), a.getIndexExpression(), c);
            default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "expression " + e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)
                            + " (" + e + ") is not supported");
        };
    }

    Expression rewriteOnce(Expression e, java.util.function.UnaryOperator<Expression> rewrite) {
        return planner.rewriteOnce(e, rewrite);
    }

    Subqueries subqueries() {
        return new Subqueries(planner);
    }

    static Expr integerLiteral(String text) {
        BigDecimal v = new BigDecimal(text);
        if (v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0 && v.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0) {
            return new Expr.Constant(v.intValue(), SqlType.INT4);
        }
        if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 && v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
            return new Expr.Constant(v.longValue(), SqlType.INT8);
        }
        return new Expr.Constant(v, SqlType.NUMERIC);
    }

    static String stringValue(StringValue s) {
        String raw = s.getValue().replace("''", "'");
        if (s.getPrefix() != null && s.getPrefix().equalsIgnoreCase("E")) {
            return unescape(raw);
        }
        return raw;
    }

    /** The backslash escapes of an {@code E'...'} string. */
    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch != '\\' || i + 1 >= raw.length()) {
                out.append(ch);
                continue;
            }
            char n = raw.charAt(++i);
            out.append(switch (n) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                default -> n;
            });
        }
        return out.toString();
    }

    private Expr column(Column col, Ctx c) {
        String name = Names.identifier(col.getColumnName());
        String qualifier = col.getTable() == null || col.getTable().getName() == null ? null
                : Names.identifier(col.getTable().getName());
        if (col.getArrayConstructor() != null) {
            return subscript(col, c);
        }
        if (qualifier == null && name.equalsIgnoreCase("default")) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "DEFAULT is not allowed in this context");
        }
        Expr resolved = planner.resolveColumn(qualifier, name, c.scope(), c.grouping() != null);
        if (resolved != null) {
            return resolved;
        }
        if (qualifier == null && SESSION_KEYWORDS.contains(name)) {
            return function(name, List.of(), c);
        }
        if (qualifier == null && (name.equals("true") || name.equals("false"))) {
            return new Expr.Constant(name.equals("true"), SqlType.BOOL);
        }
        if (qualifier != null && !planner.qualifierVisible(qualifier, c.scope())) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + qualifier + "\"")
                    .withPosition(planner.positionOf(col.getTable().getName()));
        }
        int position = planner.positionOf(col.getFullyQualifiedName());
        throw Errors.undefinedColumn(qualifier == null ? "\"" + name + "\"" : qualifier + "." + name)
                .withPosition(position > 0 ? position : planner.positionOf(col.getColumnName()));
    }

    private Expr subscript(Column col, Ctx c) {
        if (col.getArrayConstructor().getExpressions().size() != 1) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "subscript " + col + " is not supported");
        }
        return subscript(bind(new Column(col.getTable(), col.getColumnName()), c), col.getArrayConstructor().getExpressions().get(0), c);
    }

    /** {@code a[i]}: 1-based, NULL outside the array. */
    private Expr subscript(Expr array, Expression indexExpression, Ctx c) {
        if (!array.type().kind().isArray() || indexExpression == null) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "cannot subscript type " + array.type().kind().sqlName()
                    + " because it does not support subscripting");
        }
        Expr index = coerce(bind(indexExpression, c), SqlType.INT4);
        return Expr.of(Types.elementOf(array.type()), env -> {
            Object a = array.eval(env);
            Object i = index.eval(env);
            if (a == null || i == null) {
                return null;
            }
            int n = ((Number) i).intValue();
            List<?> list = (List<?>) a;
            return n >= 1 && n <= list.size() ? list.get(n - 1) : null;
        });
    }

    /** {@code (composite).field}, for the composites of set-returning functions. */
    private Expr fieldOf(RowGetExpression r, Ctx c) {
        Expr inner = bind(r.getExpression(), c);
        String name = Names.identifier(r.getColumnName());
        SqlType type = SetFunctions.COMPOSITE_FIELDS.getOrDefault(name, SqlType.UNKNOWN);
        return Expr.of(type, env -> {
            Object v = inner.eval(env);
            if (v == null) {
                return null;
            }
            if (!(v instanceof SetFunctions.Composite composite)) {
                throw new SqlException(SqlState.DATATYPE_MISMATCH, "column notation ." + name + " applied to a non-composite value");
            }
            Object f = composite.field(name);
            return f instanceof Number n && type.kind().isNumeric() ? Casts.toNumber(n, type) : f;
        });
    }

    private Expr signed(SignedExpression s, Ctx c) {
        if (s.getSign() == '-' && s.getExpression() instanceof LongValue l) {
            return integerLiteral("-" + l.getStringValue());
        }
        if (s.getSign() == '-' && s.getExpression() instanceof DoubleValue d) {
            return new Expr.Constant(new BigDecimal(d.toString()).negate(), SqlType.NUMERIC);
        }
        Expr inner = bind(s.getExpression(), c);
        if (s.getSign() == '+') {
            return inner;
        }
        SqlType t = inner.type().kind() == TypeKind.UNKNOWN ? SqlType.NUMERIC : Types.output(inner.type());
        if (!t.kind().isNumeric()) {
            throw new SqlException(SqlState.UNDEFINED_OPERATOR, "operator does not exist: - " + t.kind().sqlName());
        }
        Expr arg = coerce(inner, t);
        return Expr.of(t, env -> Arithmetic.negate(arg.eval(env), t));
    }

    private Expr arithmetic(char op, BinaryExpression b, Ctx c) {
        Expr l = bind(b.getLeftExpression(), c);
        Expr r = bind(b.getRightExpression(), c);
        if (op == '-' && l.type().kind() == TypeKind.JSONB) {
            return JsonOps.minus(this, l, r);
        }
        planner.inferParam(l, r.type());
        planner.inferParam(r, l.type());
        if (!isNumericOperand(l.type()) || !isNumericOperand(r.type())) {
            throw Errors.noOperator(String.valueOf(op), Types.output(l.type()), Types.output(r.type()));
        }
        SqlType t = Types.arithmetic(l.type(), r.type());
        Expr x = coerce(l, t);
        Expr y = coerce(r, t);
        return new Expr.Op(String.valueOf(op), List.of(x, y), Expr.of(t, env -> Arithmetic.apply(op, x.eval(env), y.eval(env), t)));
    }

    /** jsonb || jsonb, with an untyped literal on either side taken as jsonb (jsonb || text stays text concatenation). */
    private static boolean isJsonbConcat(TypeKind a, TypeKind b) {
        return a == TypeKind.JSONB && (b == TypeKind.JSONB || b == TypeKind.UNKNOWN);
    }

    /** Integer {@code &} and {@code |} (pgjdbc's getIndexInfo tests pg_index.indoption bits with them). */
    private Expr bitwise(char op, BinaryExpression b, Ctx c) {
        Expr l = bind(b.getLeftExpression(), c);
        Expr r = bind(b.getRightExpression(), c);
        planner.inferParam(l, r.type());
        planner.inferParam(r, l.type());
        if (!isInteger(l.type()) || !isInteger(r.type())) {
            throw Errors.noOperator(String.valueOf(op), Types.output(l.type()), Types.output(r.type()));
        }
        SqlType t = Types.arithmetic(l.type(), r.type());
        Expr x = coerce(l, t);
        Expr y = coerce(r, t);
        return Expr.of(t, env -> {
            Object u = x.eval(env);
            Object v = y.eval(env);
            if (u == null || v == null) {
                return null;
            }
            long bits = op == '&' ? ((Number) u).longValue() & ((Number) v).longValue()
                    : ((Number) u).longValue() | ((Number) v).longValue();
            return switch (t.kind()) {
                case INT2 -> (short) bits;
                case INT4 -> (int) bits;
                default -> bits;
            };
        });
    }

    private static boolean isInteger(SqlType t) {
        return t.kind() == TypeKind.UNKNOWN || t.kind().isInteger() && t.kind() != TypeKind.OID;
    }

    private static boolean isNumericOperand(SqlType t) {
        return t.kind().isNumeric() || t.kind() == TypeKind.UNKNOWN;
    }

    private Expr concat(Expr l, Expr r) {
        if (isJsonbConcat(l.type().kind(), r.type().kind()) || isJsonbConcat(r.type().kind(), l.type().kind())) {
            return JsonOps.concat(this, l, r);
        }
        planner.inferParam(l, SqlType.TEXT);
        planner.inferParam(r, SqlType.TEXT);
        return new Expr.Op("||", List.of(l, r), Expr.of(SqlType.TEXT, env -> {
            Object a = l.eval(env);
            Object b = r.eval(env);
            if (a == null || b == null) {
                return null;
            }
            return Functions.text(a, l.type(), env.ctx.zone()) + Functions.text(b, r.type(), env.ctx.zone());
        }));
    }

    Expr bool(Expression e, Ctx c, String context) {
        Expr x = bind(e, c);
        planner.inferParam(x, SqlType.BOOL);
        if (x.type().kind() == TypeKind.UNKNOWN) {
            return coerce(x, SqlType.BOOL);
        }
        if (x.type().kind() != TypeKind.BOOL) {
            throw Errors.mismatch("argument of " + context + " must be type boolean, not type " + x.type().kind().sqlName());
        }
        return x;
    }

    private static Expr isNull(Expr x, boolean not) {
        return Expr.of(SqlType.BOOL, env -> (x.eval(env) == null) != not);
    }

    private static Expr isBoolean(Expr x, boolean isTrue, boolean not) {
        return Expr.of(SqlType.BOOL, env -> Boolean.valueOf(isTrue).equals(x.eval(env)) != not);
    }

    private Expr distinct(IsDistinctExpression d, Ctx c) {
        Expr[] pair = unify(bind(d.getLeftExpression(), c), bind(d.getRightExpression(), c), "IS DISTINCT FROM");
        boolean not = d.isNot();
        return Expr.of(SqlType.BOOL, env -> {
            Object a = pair[0].eval(env);
            Object b = pair[1].eval(env);
            boolean same = a == null || b == null ? a == b : Values.compare(a, b) == 0;
            return same == not;
        });
    }

    /** Converts both sides to their common type (an untyped literal or parameter takes the other side's). */
    Expr[] unify(Expr l, Expr r, String context) {
        planner.inferParam(l, r.type());
        planner.inferParam(r, l.type());
        SqlType t = comparisonType(l.type(), r.type(), context);
        if (t.kind() == TypeKind.BPCHAR) {
            return new Expr[] {stripBlanks(coerce(l, t)), stripBlanks(coerce(r, t))};
        }
        return new Expr[] {coerce(l, t), coerce(r, t)};
    }

    /** character(n) compares without its padding. */
    private static Expr stripBlanks(Expr x) {
        return Expr.of(x.type(), env -> x.eval(env) instanceof String s ? s.stripTrailing() : null);
    }

    private static SqlType comparisonType(SqlType a, SqlType b, String op) {
        try {
            return Types.common(a, b, op);
        } catch (SqlException e) {
            throw Errors.noOperator(op, a, b);
        }
    }

    /** An implicit conversion; identity when the kinds agree. */
    Expr coerce(Expr x, SqlType t) {
        if (x.type().kind() == t.kind()) {
            return x;
        }
        if (x.type().kind().isString() && t.kind().isString()) {
            return x;
        }
        if (x instanceof Expr.Constant k && !Types.isDateTime(t.kind())) {
            try {
                return new Expr.Constant(Casts.cast(k.value(), k.type(), t, java.time.ZoneOffset.UTC, true), t);
            } catch (SqlException e) {
                throw k.value() instanceof String str && e.position() == 0 ? e.withPosition(planner.positionOf("'" + str + "'")) : e;
            }
        }
        return new Expr.Cast(x, t, true);
    }

    private Expr comparison(ComparisonOperator op, Ctx c) {
        String o = operatorOf(op);
        Expression right = op.getRightExpression();
        if (right instanceof AnyComparisonExpression any) {
            return subqueries().quantified(bind(op.getLeftExpression(), c), o, any, c);
        }
        if (right instanceof Function f && f.getName() != null
                && (f.getName().equalsIgnoreCase("any") || f.getName().equalsIgnoreCase("all") || f.getName().equalsIgnoreCase("some"))) {
            return subqueries().quantifiedArray(bind(op.getLeftExpression(), c), o, f, c);
        }
        Expr[] pair = unify(bind(op.getLeftExpression(), c), bind(right, c), o);
        return new Predicates.Compare(o, pair[0], pair[1]);
    }

    private static String operatorOf(ComparisonOperator op) {
        return switch (op) {
            case EqualsTo e -> "=";
            case NotEqualsTo e -> "<>";
            case GreaterThan e -> ">";
            case GreaterThanEquals e -> ">=";
            case MinorThan e -> "<";
            case MinorThanEquals e -> "<=";
            default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "operator " + op.getStringExpression() + " is not supported");
        };
    }

    private Expr in(InExpression in, Ctx c) {
        Expr left = bind(in.getLeftExpression(), c);
        Expression right = in.getRightExpression();
        if (right instanceof Select s) {
            return subqueries().in(left, s, in.isNot(), c);
        }
        if (!(right instanceof ExpressionList<?> list)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "IN " + right + " is not supported");
        }
        List<Expr> items = new ArrayList<>();
        SqlType t = left.type();
        for (Expression e : list) {
            Expr x = bind(e, c);
            items.add(x);
            planner.inferParam(x, left.type());
            t = comparisonType(t, x.type(), "IN");
        }
        for (Expr x : items) {
            planner.inferParam(left, x.type());
        }
        List<Expr> coerced = new ArrayList<>();
        for (Expr x : items) {
            coerced.add(coerce(x, t));
        }
        return new Predicates.InList(coerce(left, t), coerced, in.isNot());
    }

    private Expr between(Between b, Ctx c) {
        Expr x = bind(b.getLeftExpression(), c);
        Expr[] lo = unify(x, bind(b.getBetweenExpressionStart(), c), "BETWEEN");
        Expr[] hi = unify(x, bind(b.getBetweenExpressionEnd(), c), "BETWEEN");
        Expr range = new Predicates.And(List.of(new Predicates.Compare(">=", lo[0], lo[1]), new Predicates.Compare("<=", hi[0], hi[1])));
        return b.isNot() ? new Predicates.Not(range) : range;
    }

    private Expr like(LikeExpression l, Ctx c) {
        boolean ci = l.getLikeKeyWord() == LikeExpression.KeyWord.ILIKE;
        if (l.getLikeKeyWord() != LikeExpression.KeyWord.LIKE && !ci) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, l.getLikeKeyWord() + " is not supported");
        }
        Expr value = textOperand(bind(l.getLeftExpression(), c), "~~");
        Expr pattern = textOperand(bind(l.getRightExpression(), c), "~~");
        Expr escape = l.getEscape() == null ? null : textOperand(bind(l.getEscape(), c), "ESCAPE");
        boolean not = l.isNot();
        PatternCache cache = new PatternCache();
        return Expr.of(SqlType.BOOL, env -> {
            Object v = value.eval(env);
            Object p = pattern.eval(env);
            Object esc = escape == null ? null : escape.eval(env);
            if (v == null || p == null || escape != null && esc == null) {
                return null;
            }
            Pattern compiled = cache.get((String) p + '\u0000' + esc, () -> Predicates.likePattern((String) p, (String) esc, ci));
            return compiled.matcher((String) v).matches() != not;
        });
    }

    private Expr regex(RegExpMatchOperator r, Ctx c) {
        RegExpMatchOperatorType t = r.getOperatorType();
        boolean ci = t == RegExpMatchOperatorType.MATCH_CASEINSENSITIVE || t == RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
        boolean not = t == RegExpMatchOperatorType.NOT_MATCH_CASESENSITIVE || t == RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
        Expr value = textOperand(bind(r.getLeftExpression(), c), "~");
        Expr pattern = textOperand(bind(r.getRightExpression(), c), "~");
        PatternCache cache = new PatternCache();
        return Expr.of(SqlType.BOOL, env -> {
            Object v = value.eval(env);
            Object p = pattern.eval(env);
            if (v == null || p == null) {
                return null;
            }
            return cache.get((String) p, () -> Predicates.regex((String) p, ci)).matcher((String) v).find() != not;
        });
    }

    /** Operands of LIKE and ~ must be strings; parameters become text. */
    private Expr textOperand(Expr x, String op) {
        planner.inferParam(x, SqlType.TEXT);
        if (!x.type().kind().isString()) {
            throw Errors.noOperator(op, x.type(), SqlType.TEXT);
        }
        return x;
    }

    /** The last pattern compiled, reused while consecutive rows use the same one (the usual case). */
    private static final class PatternCache {
        private String key;
        private Pattern pattern;

        Pattern get(String k, java.util.function.Supplier<Pattern> compile) {
            if (!k.equals(key)) {
                pattern = compile.get();
                key = k;
            }
            return pattern;
        }
    }

    private Expr caseExpr(CaseExpression ce, Ctx c) {
        Expr subject = ce.getSwitchExpression() == null ? null : bind(ce.getSwitchExpression(), c);
        List<Expr> conditions = new ArrayList<>();
        List<Expr> results = new ArrayList<>();
        for (WhenClause w : ce.getWhenClauses()) {
            if (subject == null) {
                conditions.add(bool(w.getWhenExpression(), c, "CASE/WHEN"));
            } else {
                Expr[] pair = unify(subject, bind(w.getWhenExpression(), c), "=");
                conditions.add(new Predicates.Compare("=", pair[0], pair[1]));
            }
            results.add(bind(w.getThenExpression(), c));
        }
        if (ce.getElseExpression() != null) {
            results.add(bind(ce.getElseExpression(), c));
        }
        SqlType t = SqlType.UNKNOWN;
        for (Expr r : results) {
            t = Types.common(t, r.type(), "CASE");
        }
        SqlType type = Types.output(t);
        List<Expr> coerced = results.stream().map(r -> coerce(r, type)).toList();
        boolean hasElse = ce.getElseExpression() != null;
        return Expr.of(type, env -> {
            for (int i = 0; i < conditions.size(); i++) {
                if (Boolean.TRUE.equals(conditions.get(i).eval(env))) {
                    return coerced.get(i).eval(env);
                }
            }
            return hasElse ? coerced.get(coerced.size() - 1).eval(env) : null;
        });
    }

    private Expr trim(TrimFunction t, Ctx c) {
        String spec = t.getTrimSpecification() == null ? "BOTH" : t.getTrimSpecification().name();
        List<Expr> args = new ArrayList<>();
        if (t.getFromExpression() != null) {
            args.add(bind(t.getFromExpression(), c));
            if (t.getExpression() != null) {
                args.add(bind(t.getExpression(), c));
            }
        } else {
            args.add(bind(t.getExpression(), c));
        }
        String fn = switch (spec) {
            case "LEADING" -> "ltrim";
            case "TRAILING" -> "rtrim";
            default -> "btrim";
        };
        return call(fn, args);
    }

    private Expr array(ArrayConstructor a, Ctx c) {
        List<Expr> items = new ArrayList<>();
        SqlType t = SqlType.UNKNOWN;
        for (Expression e : a.getExpressions()) {
            Expr x = bind(e, c);
            items.add(x);
            t = Types.common(t, x.type(), "ARRAY");
        }
        SqlType element = Types.output(t);
        List<Expr> coerced = items.stream().map(x -> coerce(x, element)).toList();
        return Expr.of(Types.arrayOf(element), env -> {
            List<Object> out = new ArrayList<>(coerced.size());
            for (Expr x : coerced) {
                out.add(x.eval(env));
            }
            return out;
        });
    }

    private Expr function(Function f, Ctx c) {
        String name = Names.functionName(f);
        if (f.getNamedParameters() != null) {
            List<Expr> args = new ArrayList<>();
            for (Expression e : f.getNamedParameters()) {
                args.add(bind(e, c));
            }
            return call(name, args);
        }
        if (Aggregates.NAMES.contains(name)) {
            return planner.aggregate(name, f, c);
        }
        if (SetFunctions.isSetReturning(name)) {
            return setReturning(name, f, c);
        }
        if (name.equals("array") && f.getParameters() != null && f.getParameters().size() == 1
                && f.getParameters().get(0) instanceof Select s) {
            return subqueries().arrayOf(s, c);
        }
        List<Expr> args = new ArrayList<>();
        if (f.getParameters() != null) {
            for (Expression e : f.getParameters()) {
                if (e instanceof AllColumns) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "* is only allowed in count(*)");
                }
                args.add(name.equals("nextval") ? sequenceArgument(e, c) : bind(e, c));
            }
        }
        return function(name, args, c);
    }

    private Expr setReturning(String name, Function f, Ctx c) {
        if (c.setFunctions() == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "set-returning function " + name + " is not allowed here");
        }
        List<Expr> args = new ArrayList<>();
        if (f.getParameters() != null) {
            for (Expression e : f.getParameters()) {
                args.add(bind(e, new Ctx(c.scope(), null, false, null, null)));
            }
        }
        return c.setFunctions().add(name, args, f.toString());
    }

    /** {@code nextval('t_id_seq'::regclass)} names a sequence, which the regclass cast would not find. */
    private Expr sequenceArgument(Expression e, Ctx c) {
        if (e instanceof CastExpression ce && ce.getLeftExpression() instanceof StringValue s) {
            return new Expr.Constant(stringValue(s), SqlType.TEXT);
        }
        return bind(e, c);
    }

    Expr function(String name, List<Expr> args, Ctx c) {
        return switch (name) {
            case "coalesce" -> SpecialForms.coalesce(this, args);
            case "nullif" -> SpecialForms.nullif(this, args);
            case "greatest" -> SpecialForms.extreme(this, args, true);
            case "least" -> SpecialForms.extreme(this, args, false);
            default -> call(name, args);
        };
    }

    private Expr jsonOperator(String op, Expr left, Expr right) {
        return new Expr.Op("json " + op, List.of(left, right), JsonOps.operator(this, op, left, right));
    }

    Expr call(String name, List<Expr> args) {
        Functions.Fn fn = planner.functions().lookup(name);
        if (fn == null) {
            String types = String.join(", ", args.stream().map(a -> Types.output(a.type()).kind().sqlName()).toList());
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + types + ") does not exist")
                    .withHint("No function matches the given name and argument types. You might need to add explicit type casts.")
                    .withPosition(planner.positionOf(name));
        }
        List<SqlType> types = new ArrayList<>();
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expr a = args.get(i);
            SqlType want = fn.argumentType(i, args.stream().map(Expr::type).toList());
            if (want != null) {
                planner.inferParam(a, want);
                a = coerce(a, want);
            } else if (a.type().kind() == TypeKind.UNKNOWN) {
                planner.inferParam(a, SqlType.TEXT);
            }
            coerced.add(a);
            types.add(a.type());
        }
        SqlType result = fn.resultType(types);
        boolean strict = fn.strict();
        return new Expr.Op("call " + name, coerced, Expr.of(result, env -> {
            List<Object> values = new ArrayList<>(coerced.size());
            for (Expr a : coerced) {
                Object v = a.eval(env);
                if (v == null && strict) {
                    return null;
                }
                values.add(v);
            }
            return fn.call(values, types, env.ctx);
        }));
    }
}
