package io.tessera.sql.catalog;

import io.tessera.common.types.SqlType;
import io.tessera.sql.spi.SqlFunction;
import java.util.List;
import java.util.StringJoiner;

/**
 * The one-dimensional array functions the captured catalog queries call: array_to_string,
 * array_position, array_upper, array_lower, array_length. Tessera's arrays are Java lists of one
 * dimension with lower bound 1, so the dimension argument must be 1 to answer anything.
 */
final class ArrayFunctions {
    private ArrayFunctions() {}

    static List<SqlFunction> all() {
        return List.of(
                // Not strict: a NULL null_string (third argument) means "skip NULL elements".
                Fn.lenient("array_to_string", 2, 3, SqlType.TEXT, (a, c) -> a.get(0) == null || a.get(1) == null ? null
                        : join(Args.array(a.get(0)), Args.text(a.get(1)), a.size() > 2 ? (String) a.get(2) : null)),
                Fn.lenient("array_position", 2, 2, SqlType.INT4, (a, c) -> a.get(0) == null ? null
                        : position(Args.array(a.get(0)), a.get(1))),
                Fn.strict("array_upper", 2, SqlType.INT4, (a, c) -> dimensionOne(a) && !Args.array(a.get(0)).isEmpty()
                        ? Args.array(a.get(0)).size() : null),
                Fn.strict("array_lower", 2, SqlType.INT4, (a, c) -> dimensionOne(a) && !Args.array(a.get(0)).isEmpty()
                        ? 1 : null),
                Fn.strict("array_length", 2, SqlType.INT4, (a, c) -> dimensionOne(a) && !Args.array(a.get(0)).isEmpty()
                        ? Args.array(a.get(0)).size() : null));
    }

    private static boolean dimensionOne(List<Object> arguments) {
        return Args.int4(arguments.get(1)) == 1;
    }

    static String join(List<?> elements, String delimiter, String nullString) {
        StringJoiner joiner = new StringJoiner(delimiter);
        for (Object element : elements) {
            if (element != null) {
                joiner.add(text(element));
            } else if (nullString != null) {
                joiner.add(nullString);
            }
        }
        return joiner.toString();
    }

    /** Elements print as PostgreSQL's text output would: booleans as t and f. */
    private static String text(Object element) {
        if (element instanceof Boolean b) {
            return b ? "t" : "f";
        }
        return element.toString();
    }

    /** 1-based position of the first element equal to the value (NULL finds NULL), else NULL. */
    static Integer position(List<?> elements, Object value) {
        for (int i = 0; i < elements.size(); i++) {
            if (sameValue(elements.get(i), value)) {
                return i + 1;
            }
        }
        return null;
    }

    private static boolean sameValue(Object element, Object value) {
        if (element == null || value == null) {
            return element == value;
        }
        if (element instanceof Number x && value instanceof Number y && !(x instanceof Float || x instanceof Double)) {
            return x.longValue() == y.longValue();
        }
        return element.toString().equals(value.toString());
    }
}
