package io.tessera.sql.plan;

import java.util.List;

/**
 * SELECT DISTINCT ON (keys): of each run of rows with equal keys, the first. The input is sorted
 * with the keys leading, so equal keys are adjacent and one previous key is all it holds.
 */
record DistinctOn(Plan input, int[] keys) implements Plan {
    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public Rows open(Env outer) {
        Rows rows = input.open(outer);
        return new Rows() {
            List<Object> previous;

            @Override
            public Object[] next() {
                for (Object[] row = rows.next(); row != null; row = rows.next()) {
                    List<Object> key = Values.hashKey(row, keys);
                    if (!key.equals(previous)) {
                        previous = key;
                        return row;
                    }
                }
                return null;
            }
        };
    }
}
