package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import java.util.List;

/** COALESCE, NULLIF, GREATEST and LEAST: not strict, and typed by all their arguments. */
final class SpecialForms {
    private SpecialForms() {}

    private static List<Expr> unified(ExprBinder b, List<Expr> args, String name) {
        if (args.isEmpty()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, name + " needs at least one argument");
        }
        SqlType t = SqlType.UNKNOWN;
        for (Expr a : args) {
            t = Types.common(t, a.type(), name);
        }
        SqlType type = Types.output(t);
        return args.stream().map(a -> b.coerce(a, type)).toList();
    }

    static Expr coalesce(ExprBinder b, List<Expr> args) {
        List<Expr> xs = unified(b, args, "COALESCE");
        return Expr.of(xs.get(0).type(), env -> {
            for (Expr x : xs) {
                Object v = x.eval(env);
                if (v != null) {
                    return v;
                }
            }
            return null;
        });
    }

    static Expr nullif(ExprBinder b, List<Expr> args) {
        if (args.size() != 2) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function nullif with " + args.size() + " arguments does not exist");
        }
        Expr[] pair = b.unify(args.get(0), args.get(1), "NULLIF");
        Expr first = args.get(0);
        return Expr.of(Types.output(first.type()), env -> {
            Object a = pair[0].eval(env);
            Object c = pair[1].eval(env);
            return a != null && c != null && Values.compare(a, c) == 0 ? null : first.eval(env);
        });
    }

    static Expr extreme(ExprBinder b, List<Expr> args, boolean greatest) {
        List<Expr> xs = unified(b, args, greatest ? "GREATEST" : "LEAST");
        return Expr.of(xs.get(0).type(), env -> {
            Object best = null;
            for (Expr x : xs) {
                Object v = x.eval(env);
                if (v != null && (best == null || (Values.compare(v, best) > 0) == greatest && Values.compare(v, best) != 0)) {
                    best = v;
                }
            }
            return best;
        });
    }
}
