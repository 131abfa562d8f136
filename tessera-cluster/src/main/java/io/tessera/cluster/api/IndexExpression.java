package io.tessera.cluster.api;

import io.tessera.common.types.SqlType;
import java.util.List;

/**
 * An expression key part of an index ({@code CREATE INDEX ... ((doc->>'email'))}), as the catalog
 * stores it: the layers below SQL never evaluate it, they only need its type to decode entry keys
 * and the columns it reads to refuse dropping or changing them.
 *
 * @param sql the expression as SQL text over the table's column names, without outer parentheses,
 *     as the SQL layer normalised it when it checked the expression (it binds this text again
 *     wherever it evaluates or matches the key part)
 * @param type the type of the expression's value: the type of the key part
 * @param columns ids ({@link ColumnDescriptor#id()}) of the columns the expression reads
 */
public record IndexExpression(String sql, SqlType type, List<Integer> columns) {
    public IndexExpression {
        if (sql == null || sql.isBlank() || type == null) {
            throw new IllegalArgumentException("an index expression needs its text and type: " + sql);
        }
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /**
     * The key part as PostgreSQL prints it in an index definition ({@code pg_get_indexdef}, a 23505's
     * detail): a function call as it is, anything else in parentheses.
     */
    public String definitionText() {
        return isFunctionCall() ? sql : "(" + sql + ")";
    }

    /** {@code name(...)} where the parenthesis after the name closes at the very end. */
    private boolean isFunctionCall() {
        int open = sql.indexOf('(');
        if (open <= 0 || !sql.substring(0, open).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return false;
        }
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i == sql.length() - 1;
            }
        }
        return false;
    }
}
