package io.tessera.sql.plan;

/**
 * The rows an expression evaluates against: the current row of its own query level and, for a
 * correlated subquery, the enclosing levels' rows through {@link #outer}.
 */
public final class Env {
    final ExecContext ctx;
    final Env outer;
    Object[] row;

    public Env(ExecContext ctx, Env outer, Object[] row) {
        this.ctx = ctx;
        this.outer = outer;
        this.row = row;
    }

    public static Env root(ExecContext ctx) {
        return new Env(ctx, null, new Object[0]);
    }

    Env child(Object[] childRow) {
        return new Env(ctx, this, childRow);
    }

    Env at(int depth) {
        Env e = this;
        for (int i = 0; i < depth; i++) {
            e = e.outer;
        }
        return e;
    }
}
