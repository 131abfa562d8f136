package io.tessera.cli.slt;

import java.util.List;

/** One record of a sqllogictest script; {@code line} is the 1-based line of its command word. */
sealed interface SltRecord permits SltRecord.Statement, SltRecord.Query, SltRecord.HashThreshold,
        SltRecord.Halt, SltRecord.Malformed {

    int line();

    /** The conditions in front of the record; empty for records that cannot carry any. */
    default List<Condition> conditions() {
        return List.of();
    }

    /** {@code statement ok|error}: the SQL must succeed or must fail. */
    record Statement(int line, List<Condition> conditions, boolean expectOk, String sql) implements SltRecord {
        public Statement {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * {@code query <types> [sort] [label]}: {@code types} has one letter (I, R or T) per column;
     * {@code label} is empty when absent.
     */
    record Query(int line, List<Condition> conditions, String types, SortMode sortMode, String label,
            String sql, Expected expected) implements SltRecord {
        public Query {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code hash-threshold N}: results with more than N values compare by hash; 0 never hashes. */
    record HashThreshold(int line, int threshold) implements SltRecord {
        public HashThreshold {
            if (threshold < 0) {
                throw new IllegalArgumentException("negative hash threshold " + threshold);
            }
        }
    }

    /** {@code halt}: stop the file here (when its conditions allow it). */
    record Halt(int line, List<Condition> conditions) implements SltRecord {
        public Halt {
            conditions = List.copyOf(conditions);
        }
    }

    /** A record the parser could not read; it counts as a failure so that a typo is never silent. */
    record Malformed(int line, String message) implements SltRecord {
    }
}
