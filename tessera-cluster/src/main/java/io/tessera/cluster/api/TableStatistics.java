package io.tessera.cluster.api;

import java.util.Map;

/**
 * What ANALYZE learnt of a table's rows, for the planner's estimates (PostgreSQL keeps the same
 * in {@code pg_class.reltuples} and {@code pg_statistic}): how many rows, and per column how
 * many are NULL and how many distinct values the others take.
 *
 * @param rowCount the rows the table held when it was analyzed
 * @param columns column id → its statistics; a column added since has none
 * @param analyzedAtMillis wall-clock time of the ANALYZE, for {@code pg_stat_user_tables.last_analyze}
 */
public record TableStatistics(long rowCount, Map<Integer, Column> columns, long analyzedAtMillis) {

    public TableStatistics {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    /**
     * @param nullFraction the share of rows where the column is NULL
     * @param distinct estimated number of distinct non-NULL values
     * @param averageWidth average size in bytes of the non-NULL values as stored
     */
    public record Column(double nullFraction, long distinct, int averageWidth) {}

    /** The statistics of the column with this id, or null. */
    public Column column(int columnId) {
        return columns.get(columnId);
    }
}
