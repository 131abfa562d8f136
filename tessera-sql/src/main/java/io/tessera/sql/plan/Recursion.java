package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * WITH RECURSIVE, evaluated as PostgreSQL does: the non-recursive term's rows form the first
 * working table; each iteration runs the recursive term with its self-reference reading the
 * working table, and the rows it yields (for UNION, only those never seen before) become the next
 * working table, until an iteration yields none. Rows stream out as they are made, so an outer
 * LIMIT stops an otherwise endless UNION ALL recursion, as in PostgreSQL.
 */
final class Recursion {
    private Recursion() {}

    /** The working table of one recursive query, shared by the union and its self-references. */
    static final class WorkTable {
        final String name;
        final List<Plan.Column> columns;
        /** Rows of the previous iteration; replaced, never changed, while the recursive term runs. */
        List<Object[]> rows = List.of();
        boolean referenced;

        WorkTable(String name, List<Plan.Column> columns) {
            this.name = name;
            this.columns = List.copyOf(columns);
        }
    }

    /** A reference to the recursive query inside its own recursive term. */
    record WorkTableScan(WorkTable table, List<Plan.Column> columns) implements Plan {
        @Override
        public Rows open(Env outer) {
            return Operators.iterate(table.rows);
        }
    }

    /**
     * @param selfReferencing false when the "recursive" term never names the query: it then runs
     *     once, as a plain UNION would
     */
    record RecursiveUnion(WorkTable work, boolean all, Plan anchor, Plan term, boolean selfReferencing,
            List<Column> columns) implements Plan {
        @Override
        public Rows open(Env outer) {
            int[] cols = IntStream.range(0, columns.size()).toArray();
            Set<List<Object>> seen = all ? null : new HashSet<>();
            return new Rows() {
                Rows source = anchor.open(outer);
                List<Object[]> produced = new ArrayList<>();
                int iterations;

                @Override
                public Object[] next() {
                    while (true) {
                        Object[] row = source.next();
                        if (row != null) {
                            if (seen != null && !seen.add(Values.hashKey(row, cols))) {
                                continue;
                            }
                            produced.add(row);
                            Limits.checkRows(seen == null ? produced.size() : seen.size());
                            return row;
                        }
                        if (produced.isEmpty() || !selfReferencing && iterations > 0) {
                            return null;
                        }
                        startIteration();
                    }
                }

                private void startIteration() {
                    if (++iterations > Limits.MAX_RECURSION_ITERATIONS) {
                        throw new SqlException("54001", "recursive query \"" + work.name + "\" did not finish after "
                                + Limits.MAX_RECURSION_ITERATIONS + " iterations")
                                .withHint("Make the recursive term stop producing rows (UNION instead of UNION ALL "
                                        + "over a cyclic graph, or a depth condition), or put a LIMIT on the outer query.");
                    }
                    outer.ctx.checkCancel();
                    work.rows = produced;
                    produced = new ArrayList<>();
                    source = term.open(outer);
                }
            };
        }
    }
}
