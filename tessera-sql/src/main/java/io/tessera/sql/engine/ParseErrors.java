package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;

/** Turns JSqlParser's errors into PostgreSQL's 42601 with a 1-based character position. */
final class ParseErrors {
    private ParseErrors() {}

    static SqlException syntaxError(String sql, Throwable error) {
        ParseException pe = find(error);
        if (pe == null || pe.currentToken == null || pe.currentToken.next == null) {
            String message = error.getMessage() == null ? "syntax error" : error.getMessage().lines().findFirst().orElse("syntax error");
            return new SqlException(SqlState.SYNTAX_ERROR, message);
        }
        Token bad = pe.currentToken.next;
        if (bad.kind == 0 || bad.image == null || bad.image.isEmpty()) {
            return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input").withPosition(sql.length() + 1);
        }
        int position = offset(sql, bad.beginLine, bad.beginColumn);
        if (endsAt(sql, position + bad.image.length() - 1) && CONTINUATIONS.contains(bad.image.toUpperCase(java.util.Locale.ROOT))) {
            // JSqlParser backs up to a keyword that needs a continuation; PostgreSQL reports the end.
            return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input").withPosition(sql.length() + 1);
        }
        return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + bad.image + "\"").withPosition(position);
    }

    /** Keywords after which a statement cannot end. */
    private static final java.util.Set<String> CONTINUATIONS = java.util.Set.of("WHERE", "AND", "OR", "NOT", "FROM", "SELECT",
            "BY", "ON", "JOIN", "SET", "VALUES", "INTO", ",", "(", "HAVING", "LIMIT", "OFFSET", "=", "+", "-", "*", "/");

    private static boolean endsAt(String sql, int lastCharPosition) {
        return sql.substring(Math.min(lastCharPosition, sql.length())).strip().replace(";", "").isEmpty();
    }

    private static ParseException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ParseException pe) {
                return pe;
            }
        }
        return null;
    }

    /** 1-based character offset of (line, column), both 1-based as the parser reports them. */
    static int offset(String sql, int line, int column) {
        int pos = 0;
        for (int l = 1; l < line; l++) {
            int nl = sql.indexOf('\n', pos);
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
        }
        return Math.min(pos + column, sql.length() + 1);
    }
}
