package io.tessera.sql.plan;

import io.tessera.common.types.Jsonb;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Comparison and hashing of non-null values already converted to one common type. */
public final class Values {
    private Values() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof Number na && b instanceof Number nb) {
            return compareNumbers(na, nb);
        }
        if (a instanceof String sa && b instanceof String sb) {
            return compareCodePoints(sa, sb);
        }
        if (a instanceof byte[] ba && b instanceof byte[] bb) {
            return Arrays.compareUnsigned(ba, bb);
        }
        if (a instanceof Jsonb ja && b instanceof Jsonb jb) {
            return ja.text().equals(jb.text()) ? 0 : JsonTrees.compare(JsonTrees.tree(ja), JsonTrees.tree(jb));
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
                int c = compareNullsLast(la.get(i), lb.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(la.size(), lb.size());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        throw new IllegalStateException("cannot compare " + a.getClass().getSimpleName() + " with " + b.getClass().getSimpleName());
    }

    static int compareNullsLast(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return compare(a, b);
    }

    private static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            return Double.compare(a.doubleValue(), b.doubleValue()); // NaN above everything, as PostgreSQL
        }
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    static boolean isIntegral(Object n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short;
    }

    static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(n.toString());
    }

    /** Code-point order, which is the byte order of UTF-8 (PostgreSQL's C collation). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** A value usable as a hash-map key: equal SQL values give equal keys. */
    public static Object hashKey(Object v) {
        if (v == null) {
            return NullKey.INSTANCE;
        }
        if (isIntegral(v)) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        if (v instanceof Instant || v instanceof LocalDate || v instanceof LocalDateTime || v instanceof String) {
            return v;
        }
        return v;
    }

    public static List<Object> hashKey(Object[] row, int[] columns) {
        List<Object> key = new ArrayList<>(columns.length);
        for (int c : columns) {
            key.add(hashKey(row[c]));
        }
        return key;
    }

    /** NULL as a grouping key: all NULLs fall into one group, as GROUP BY and DISTINCT want. */
    enum NullKey { INSTANCE }
}
