package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The transaction modes of {@code BEGIN}, {@code START TRANSACTION}, {@code SET TRANSACTION} and
 * {@code SET SESSION CHARACTERISTICS AS TRANSACTION}: {@code ISOLATION LEVEL level},
 * {@code READ WRITE | READ ONLY} and {@code [NOT] DEFERRABLE}, in any order, commas optional, as
 * PostgreSQL's grammar allows. A null component was not given.
 *
 * @param isolation one of {@link #LEVELS}, as PostgreSQL spells the setting's value
 */
public record TransactionModes(String isolation, Boolean readOnly, Boolean deferrable) {
    /** No mode given: the transaction takes the session's defaults. */
    public static final TransactionModes NONE = new TransactionModes(null, null, null);

    /** The values of transaction_isolation, in the order PostgreSQL's hint lists them. */
    static final List<String> LEVELS = List.of("serializable", "repeatable read", "read committed", "read uncommitted");

    /**
     * What a level runs as. PostgreSQL runs READ UNCOMMITTED as READ COMMITTED (no dirty reads);
     * Tessera runs SERIALIZABLE as REPEATABLE READ (snapshot isolation: write skew is possible).
     */
    public enum Isolation {
        /** A fresh snapshot per statement. */
        READ_COMMITTED,
        /** One snapshot for the whole transaction; first updater wins, the other gets 40001. */
        REPEATABLE_READ,
        /** Accepted under its name, run as {@link #REPEATABLE_READ} in this release. */
        SERIALIZABLE;

        /** The level a value of transaction_isolation (one of {@link #LEVELS}) runs as. */
        public static Isolation of(String level) {
            return switch (level) {
                case "serializable" -> SERIALIZABLE;
                case "repeatable read" -> REPEATABLE_READ;
                default -> READ_COMMITTED;
            };
        }
    }

    /** The modes in {@code t} from position {@code i} to the end; a syntax error at the first word that is none. */
    static TransactionModes parse(List<String> t, int i) {
        String isolation = null;
        Boolean readOnly = null;
        Boolean deferrable = null;
        while (i < t.size()) {
            String w = word(t, i);
            if (w.equals(",")) {
                i++;
            } else if (w.equals("isolation") && word(t, i + 1).equals("level")) {
                String level = level(t, i + 2);
                isolation = level;
                i += 2 + level.split(" ").length;
            } else if (w.equals("read") && (word(t, i + 1).equals("only") || word(t, i + 1).equals("write"))) {
                readOnly = word(t, i + 1).equals("only");
                i += 2;
            } else if (w.equals("deferrable")) {
                deferrable = true;
                i++;
            } else if (w.equals("not") && word(t, i + 1).equals("deferrable")) {
                deferrable = false;
                i += 2;
            } else {
                throw syntaxAt(t, i);
            }
        }
        return new TransactionModes(isolation, readOnly, deferrable);
    }

    /** The level named at {@code i}: SERIALIZABLE, REPEATABLE READ, READ COMMITTED or READ UNCOMMITTED. */
    private static String level(List<String> t, int i) {
        String first = word(t, i);
        String two = first + " " + word(t, i + 1);
        if (first.equals("serializable")) {
            return first;
        }
        if (LEVELS.contains(two)) {
            return two;
        }
        throw syntaxAt(t, first.equals("repeatable") || first.equals("read") ? i + 1 : i);
    }

    /** How many modes were given. */
    int count() {
        return (isolation == null ? 0 : 1) + (readOnly == null ? 0 : 1) + (deferrable == null ? 0 : 1);
    }

    /** The modes as SQL that {@link #parse} reads back. */
    String toSql() {
        List<String> parts = new ArrayList<>();
        if (isolation != null) {
            parts.add("isolation level " + isolation);
        }
        if (readOnly != null) {
            parts.add(readOnly ? "read only" : "read write");
        }
        if (deferrable != null) {
            parts.add(deferrable ? "deferrable" : "not deferrable");
        }
        return String.join(", ", parts);
    }

    private static String word(List<String> t, int i) {
        return i < t.size() ? t.get(i).toLowerCase(Locale.ROOT) : "";
    }

    private static SqlException syntaxAt(List<String> t, int i) {
        return new SqlException(SqlState.SYNTAX_ERROR, i < t.size()
                ? "syntax error at or near \"" + t.get(i) + "\"" : "syntax error at end of input");
    }
}
