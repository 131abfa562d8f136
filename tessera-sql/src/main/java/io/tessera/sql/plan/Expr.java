package io.tessera.sql.plan;

import io.tessera.common.types.SqlType;
import java.util.List;

/** A bound, typed scalar expression. */
public interface Expr {
    SqlType type();

    Object eval(Env env);

    /** A constant: its value does not depend on rows, parameters or time. */
    default boolean isConstant() { return false; }

    static Expr of(SqlType type, java.util.function.Function<Env, Object> fn) {
        return new Expr() {
            @Override public SqlType type() { return type; }
            @Override public Object eval(Env env) { return fn.apply(env); }
        };
    }

    /** A column of the row at {@code depth} levels out (0 is the current query level). */
    record ColumnRef(int depth, int index, SqlType type) implements Expr {
        @Override
        public Object eval(Env env) {
            return env.at(depth).row[index];
        }
    }

    record Constant(Object value, SqlType type) implements Expr {
        @Override public Object eval(Env env) { return value; }
        @Override public boolean isConstant() { return true; }
    }

    /** $n; its type is read from the statement's parameter types, which binding may still refine. */
    record Param(int index, SqlType[] types) implements Expr {
        @Override public SqlType type() { return types[index - 1] == null ? SqlType.UNKNOWN : types[index - 1]; }
        @Override public Object eval(Env env) { return env.ctx.parameter(index); }
    }

    record Cast(Expr input, SqlType type, boolean explicit) implements Expr {
        @Override
        public Object eval(Env env) {
            return Casts.cast(input.eval(env), input.type(), type, env.ctx.zone(), explicit);
        }

        @Override public boolean isConstant() { return input.isConstant(); }
    }

    /**
     * An operator or function applied to its operands: evaluates as {@code impl}, and equals another
     * Op of the same name and equal operands whatever its implementation, so that two bindings of
     * the same expression compare equal (the planner matches a WHERE clause's expressions against
     * an index's this way).
     *
     * @param operands bound operands, and any other values that change the result (navigation steps)
     */
    record Op(String name, List<?> operands, Expr impl) implements Expr {
        public Op {
            operands = List.copyOf(operands);
        }

        @Override public SqlType type() { return impl.type(); }

        @Override public Object eval(Env env) { return impl.eval(env); }

        @Override public boolean isConstant() { return impl.isConstant(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Op other && name.equals(other.name) && operands.equals(other.operands)
                    && type().equals(other.type());
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + operands.hashCode();
        }
    }
}
