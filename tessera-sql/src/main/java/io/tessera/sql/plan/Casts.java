package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.Jsonb;
import io.tessera.common.types.JsonbText;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TextFormat;
import io.tessera.common.types.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between types. An explicit cast ({@code CAST}, {@code ::}) truncates strings to the
 * target length as PostgreSQL does; an assignment (INSERT, UPDATE) raises 22001 instead.
 */
public final class Casts {
    private Casts() {}

    public static Object cast(Object v, SqlType from, SqlType to, ZoneId zone, boolean explicit) {
        if (v == null) {
            return null;
        }
        TypeKind tk = to.kind();
        if (tk == TypeKind.UNKNOWN) {
            return v;
        }
        if (tk.isString()) {
            String s = v instanceof String str ? str : v instanceof Boolean b ? b.toString() : TextFormat.format(v, from, zone);
            if (from.kind() == TypeKind.BPCHAR && tk != TypeKind.BPCHAR) {
                s = stripTrailing(s);
            }
            return fitLength(s, to, explicit);
        }
        if (v instanceof String s) {
            if (tk == TypeKind.JSONB) {
                return JsonbText.parse(s);
            }
            Object parsed = TextFormat.parse(s, SqlType.of(tk), zone);
            return tk == TypeKind.NUMERIC ? fitNumeric((BigDecimal) parsed, to) : parsed;
        }
        if (tk.isNumeric() && v instanceof Number n) {
            return toNumber(n, to);
        }
        if (tk.isNumeric() && v instanceof Boolean b && tk.isInteger()) {
            return toNumber(b ? 1 : 0, to);
        }
        if (tk == TypeKind.BOOL && v instanceof Number n && Values.isIntegral(n)) {
            return n.longValue() != 0;
        }
        Object dt = castDateTime(v, tk, zone);
        if (dt != null) {
            return dt;
        }
        if (tk == TypeKind.JSONB && v instanceof Jsonb) {
            return v;
        }
        if (tk.isArray() && v instanceof List<?> list) {
            SqlType element = Types.elementOf(to);
            SqlType fromElement = from.kind().isArray() ? Types.elementOf(from) : SqlType.TEXT;
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(cast(e, fromElement, element, zone, explicit));
            }
            return out;
        }
        if (tk == from.kind()) {
            return v;
        }
        throw new SqlException(SqlState.DATATYPE_MISMATCH, "cannot cast type " + from.kind().sqlName()
                + " to " + to.kind().sqlName());
    }

    /** Whether {@code from} converts to {@code to} at all (checked when binding, so errors come early). */
    public static boolean castable(SqlType from, SqlType to) {
        TypeKind f = from.kind();
        TypeKind t = to.kind();
        if (f == t || f == TypeKind.UNKNOWN || t == TypeKind.UNKNOWN || t.isString() || f.isString()) {
            return true;
        }
        if (f.isNumeric() && t.isNumeric()) {
            return true;
        }
        if (f == TypeKind.BOOL && t.isInteger() || t == TypeKind.BOOL && f.isInteger()) {
            return true;
        }
        if (Types.isDateTime(f) && Types.isDateTime(t)) {
            return true;
        }
        return f.isArray() && t.isArray();
    }

    private static Object castDateTime(Object v, TypeKind tk, ZoneId zone) {
        return switch (tk) {
            case DATE -> switch (v) {
                case LocalDate d -> d;
                case LocalDateTime t -> t.toLocalDate();
                case Instant i -> i.atZone(zone).toLocalDate();
                default -> null;
            };
            case TIMESTAMP -> switch (v) {
                case LocalDate d -> d.atStartOfDay();
                case LocalDateTime t -> t;
                case Instant i -> LocalDateTime.ofInstant(i, zone);
                default -> null;
            };
            case TIMESTAMPTZ -> switch (v) {
                case LocalDate d -> d.atStartOfDay(zone).toInstant();
                case LocalDateTime t -> t.atZone(zone).toInstant();
                case Instant i -> i;
                default -> null;
            };
            default -> null;
        };
    }

    static Object toNumber(Number n, SqlType to) {
        return switch (to.kind()) {
            case INT2 -> (short) checkRange(roundToLong(n, "smallint"), Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT4 -> (int) checkRange(roundToLong(n, "integer"), Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case INT8 -> roundToLong(n, "bigint");
            case OID -> checkRange(roundToLong(n, "oid"), Integer.MIN_VALUE, 0xFFFFFFFFL, "OID") & 0xFFFFFFFFL;
            case FLOAT4 -> toFloat4(n);
            case FLOAT8 -> n.doubleValue();
            case NUMERIC -> fitNumeric(toDecimal(n), to);
            default -> throw new IllegalStateException("not a numeric type: " + to);
        };
    }

    private static float toFloat4(Number n) {
        double d = n.doubleValue();
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw Errors.outOfRange("value out of range: overflow for type real");
        }
        return f;
    }

    private static BigDecimal toDecimal(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert " + d + " to numeric");
            }
            return new BigDecimal(n instanceof Float f ? TextFormat.formatFloat4(f) : TextFormat.formatFloat8(d));
        }
        return Values.toBigDecimal(n);
    }

    /** Floats round half to even (rint), numerics half away from zero, as PostgreSQL. */
    private static long roundToLong(Number n, String typeName) {
        if (Values.isIntegral(n)) {
            return n.longValue();
        }
        if (n instanceof Double || n instanceof Float) {
            double d = Math.rint(n.doubleValue());
            if (Double.isNaN(d) || d < -9.223372036854776E18 || d >= 9.223372036854776E18) {
                throw Errors.outOfRange(typeName);
            }
            return (long) d;
        }
        BigDecimal r = ((BigDecimal) n).setScale(0, RoundingMode.HALF_UP);
        try {
            return r.longValueExact();
        } catch (ArithmeticException e) {
            throw Errors.outOfRange(typeName);
        }
    }

    static long checkRange(long v, long min, long max, String typeName) {
        if (v < min || v > max) {
            throw Errors.outOfRange(typeName);
        }
        return v;
    }

    static BigDecimal fitNumeric(BigDecimal d, SqlType to) {
        if (to.precision() <= 0) {
            return d;
        }
        BigDecimal r = d.setScale(to.scale(), RoundingMode.HALF_UP);
        if (r.precision() - r.scale() > to.precision() - to.scale() && r.signum() != 0) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                    .withDetail("A field with precision " + to.precision() + ", scale " + to.scale()
                            + " must round to an absolute value less than 10^" + (to.precision() - to.scale()) + ".");
        }
        return r;
    }

    static String fitLength(String s, SqlType to, boolean explicit) {
        int max = to.length();
        TypeKind k = to.kind();
        if (k == TypeKind.CHAR) {
            return s.isEmpty() ? s : s.substring(0, s.offsetByCodePoints(0, 1));
        }
        if (max < 0) {
            return k == TypeKind.BPCHAR ? stripTrailing(s) : s;
        }
        int len = s.codePointCount(0, s.length());
        if (len > max) {
            String head = s.substring(0, s.offsetByCodePoints(0, max));
            if (!explicit && !s.substring(head.length()).isBlank()) {
                throw new SqlException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                        "value too long for type " + to.displayName());
            }
            s = head;
            len = max;
        }
        if (k == TypeKind.BPCHAR && len < max) {
            return s + " ".repeat(max - len);
        }
        return s;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
