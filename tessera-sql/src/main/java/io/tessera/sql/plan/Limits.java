package io.tessera.sql.plan;

/** Bounds on what one statement may hold in memory. */
public final class Limits {
    private Limits() {}

    /**
     * Rows a blocking operator (sort, aggregate, hash-join build side, DISTINCT, a materialised
     * subquery) may hold. Ten million small rows fit the 24 GiB machines with room to spare; past it
     * the statement fails with 54000 rather than the node running out of memory.
     */
    public static final int MAX_MATERIALIZED_ROWS = 10_000_000;

    public static void checkRows(int rows) {
        if (rows > MAX_MATERIALIZED_ROWS) {
            throw new io.tessera.common.error.SqlException(io.tessera.common.error.SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "statement holds more than " + MAX_MATERIALIZED_ROWS + " rows in memory");
        }
    }

    /** Views expanded inside views: deeper nesting is almost surely a cycle made by CREATE OR REPLACE. */
    public static final int MAX_VIEW_DEPTH = 32;

    /**
     * Iterations of one WITH RECURSIVE query. A graph walk that needs more is rare; a query that
     * never stops adding rows (UNION ALL over a cycle) fails with 54001 instead of running forever.
     */
    public static final int MAX_RECURSION_ITERATIONS = 100_000;
}
