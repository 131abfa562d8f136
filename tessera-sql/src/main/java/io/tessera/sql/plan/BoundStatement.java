package io.tessera.sql.plan;

import java.util.List;

/** A planned statement, executable many times (with different parameters). */
public interface BoundStatement {

    /** The result columns; empty when the statement returns no rows. */
    List<Plan.Column> columns();

    /** Starts one execution. Writes happen here; rows are pulled from the returned execution. */
    Execution start(ExecContext ctx);

    /** A running statement: rows one at a time, then its command tag. */
    interface Execution {
        /** The next row, or null at the end. */
        Object[] next();

        /** The tag for CommandComplete; valid after {@link #next()} returned null. */
        String commandTag();
    }

    /** A statement that has done its work in {@code start} and returns these rows. */
    static Execution finished(List<Object[]> rows, String tag) {
        int[] i = {0};
        return new Execution() {
            @Override public Object[] next() { return i[0] < rows.size() ? rows.get(i[0]++) : null; }
            @Override public String commandTag() { return tag; }
        };
    }

    /** SELECT and VALUES: rows stream from the plan. */
    record Query(Plan plan) implements BoundStatement {
        @Override public List<Plan.Column> columns() { return plan.columns(); }

        @Override
        public Execution start(ExecContext ctx) {
            Plan.Rows rows = plan.open(Env.root(ctx));
            long[] count = {0};
            return new Execution() {
                @Override
                public Object[] next() {
                    ctx.checkCancel();
                    Object[] row = rows.next();
                    if (row != null) {
                        count[0]++;
                    }
                    return row;
                }

                @Override public String commandTag() { return "SELECT " + count[0]; }
            };
        }
    }
}
