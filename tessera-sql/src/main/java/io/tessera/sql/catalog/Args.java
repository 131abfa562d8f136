package io.tessera.sql.catalog;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.util.List;
import java.util.Locale;

/**
 * Reads function arguments in the forms the engine may hand them over: an OID as any integer
 * class or as the text of a literal ({@code '16386'}), a flag as Boolean or as PostgreSQL's
 * boolean text, a name as text.
 */
final class Args {
    private Args() {}

    static long oid(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type oid: \"" + s + "\"");
            }
        }
        throw new IllegalArgumentException("not an OID: " + value.getClass().getSimpleName());
    }

    static boolean isNumber(Object value) {
        return value instanceof Number || (value instanceof String s && s.strip().matches("\\d+"));
    }

    static int int4(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type integer: \"" + s + "\"");
            }
        }
        throw new IllegalArgumentException("not an integer: " + value.getClass().getSimpleName());
    }

    static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type boolean: \"" + value + "\"");
        };
    }

    static String text(Object value) {
        return value.toString();
    }

    static List<?> array(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new SqlException(SqlState.DATATYPE_MISMATCH, "argument must be an array");
    }
}
