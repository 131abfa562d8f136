package io.tessera.sql.catalog;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * A possibly schema-qualified name as regclass input reads it: {@code customers},
 * {@code public.customers}, {@code "Mixed Case"}. Unquoted parts fold to lower case; quoted parts
 * keep their case and may hold dots.
 *
 * @param schema null when the name is not qualified
 */
record QualifiedName(String schema, String name) {

    static QualifiedName parse(String text) {
        List<String> parts = split(text.strip());
        return switch (parts.size()) {
            case 1 -> new QualifiedName(null, parts.get(0));
            case 2 -> new QualifiedName(parts.get(0), parts.get(1));
            case 3 -> new QualifiedName(parts.get(1), parts.get(2));
            default -> throw new SqlException(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): "
                    + text);
        };
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(quoted ? c : Character.toLowerCase(c));
            }
        }
        if (quoted) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "unterminated quoted identifier in " + text);
        }
        parts.add(current.toString());
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "invalid name syntax: " + text);
        }
        return parts;
    }
}
