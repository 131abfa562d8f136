package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.AnyType;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Subqueries inside expressions. A subquery that refers to no enclosing column is run once per
 * execution and its result kept; a correlated one runs again for every outer row.
 */
final class Subqueries {
    private final Planner planner;

    Subqueries(Planner planner) {
        this.planner = planner;
    }

    /** A planned subquery and whether it reads enclosing rows. */
    record Sub(Plan plan, boolean correlated) {}

    private Sub plan(Select s, ExprBinder.Ctx c) {
        return planner.planSubquery(s, c.grouping() != null ? c.grouping().outputScope() : c.scope());
    }

    /** Runs the subquery (or reuses the rows of this execution when it is not correlated). */
    private static final class Runner {
        private final Sub sub;
        private ExecContext cachedFor;
        private List<Object[]> cached;

        Runner(Sub sub) {
            this.sub = sub;
        }

        List<Object[]> rows(Env env) {
            if (!sub.correlated() && cachedFor == env.ctx) {
                return cached;
            }
            List<Object[]> rows = Operators.drain(sub.plan().open(env), env.ctx);
            cachedFor = env.ctx;
            cached = rows;
            return rows;
        }

        boolean any(Env env) {
            if (!sub.correlated()) {
                return !rows(env).isEmpty();
            }
            return sub.plan().open(env).next() != null;
        }
    }

    Expr exists(Select s, ExprBinder.Ctx c, boolean not) {
        Runner r = new Runner(plan(s, c));
        return Expr.of(SqlType.BOOL, env -> r.any(env) != not);
    }

    Expr scalar(Select s, ExprBinder.Ctx c) {
        Sub sub = plan(s, c);
        requireOneColumn(sub, "subquery");
        Runner r = new Runner(sub);
        SqlType t = Types.output(sub.plan().columns().get(0).type());
        return Expr.of(t, env -> {
            List<Object[]> rows = r.rows(env);
            if (rows.size() > 1) {
                throw new SqlException(SqlState.CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression");
            }
            return rows.isEmpty() ? null : rows.get(0)[0];
        });
    }

    Expr arrayOf(Select s, ExprBinder.Ctx c) {
        Sub sub = plan(s, c);
        requireOneColumn(sub, "ARRAY()");
        Runner r = new Runner(sub);
        SqlType element = Types.output(sub.plan().columns().get(0).type());
        return Expr.of(Types.arrayOf(element), env -> {
            List<Object> out = new ArrayList<>();
            for (Object[] row : r.rows(env)) {
                out.add(row[0]);
            }
            return out;
        });
    }

    Expr in(Expr left, Select s, boolean not, ExprBinder.Ctx c) {
        Expr any = quantified(left, "=", s, false, c);
        return not ? new Predicates.Not(any) : any;
    }

    Expr quantified(Expr left, String op, AnyComparisonExpression any, ExprBinder.Ctx c) {
        return quantified(left, op, any.getSelect(), any.getAnyType() == AnyType.ALL, c);
    }

    private Expr quantified(Expr left, String op, Select s, boolean all, ExprBinder.Ctx c) {
        Sub sub = plan(s, c);
        requireOneColumn(sub, "subquery");
        SqlType rt = sub.plan().columns().get(0).type();
        planner.inferParam(left, rt);
        SqlType t = Types.common(left.type(), rt, op);
        ExprBinder b = new ExprBinder(planner);
        Expr l = b.coerce(left, t);
        Runner r = new Runner(sub);
        return Expr.of(SqlType.BOOL, env -> {
            Object a = l.eval(env);
            List<Object> values = new ArrayList<>();
            for (Object[] row : r.rows(env)) {
                values.add(Casts.cast(row[0], rt, t, env.ctx.zone(), true));
            }
            return Predicates.quantified(a, op, all, values);
        });
    }

    /** {@code x = ANY(array)}, {@code x <> ALL(array)}. */
    Expr quantifiedArray(Expr left, String op, Function f, ExprBinder.Ctx c) {
        boolean all = f.getName().equalsIgnoreCase("all");
        if (f.getParameters() == null || f.getParameters().size() != 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "ANY/ALL takes one array argument");
        }
        if (f.getParameters().get(0) instanceof Select s) {
            return quantified(left, op, s, all, c);
        }
        ExprBinder b = new ExprBinder(planner);
        Expr array = b.bind(f.getParameters().get(0), c);
        if (array.type().kind() == TypeKind.UNKNOWN) {
            SqlType arrayType = Types.arrayOf(Types.output(left.type()));
            array = b.coerce(array, arrayType);
        }
        SqlType element = Types.elementOf(array.type());
        planner.inferParam(left, element);
        SqlType t = Types.common(left.type(), element, op);
        Expr l = b.coerce(left, t);
        Expr arr = array;
        return Expr.of(SqlType.BOOL, env -> {
            Object a = l.eval(env);
            Object list = arr.eval(env);
            if (list == null) {
                return null;
            }
            List<Object> values = new ArrayList<>();
            for (Object v : (List<?>) list) {
                values.add(Casts.cast(v, element, t, env.ctx.zone(), true));
            }
            return Predicates.quantified(a, op, all, values);
        });
    }

    private static void requireOneColumn(Sub sub, String what) {
        if (sub.plan().columns().size() != 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, what + " must return only one column");
        }
    }
}
