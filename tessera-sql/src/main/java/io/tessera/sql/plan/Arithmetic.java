package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** + - * / % on numbers of one result type, with PostgreSQL's overflow and division errors. */
final class Arithmetic {
    private Arithmetic() {}

    /** Digits PostgreSQL keeps at least in a numeric division result. */
    private static final int NUMERIC_DIVISION_SCALE_MIN = 16;

    static Object apply(char op, Object a, Object b, SqlType type) {
        if (a == null || b == null) {
            return null;
        }
        Number x = (Number) a;
        Number y = (Number) b;
        return switch (type.kind()) {
            case INT2, INT4, INT8 -> integer(op, x.longValue(), y.longValue(), type.kind());
            case FLOAT4 -> (float) floating(op, x.doubleValue(), y.doubleValue(), "real");
            case FLOAT8 -> floating(op, x.doubleValue(), y.doubleValue(), "double precision");
            case NUMERIC -> decimal(op, Values.toBigDecimal(x), Values.toBigDecimal(y));
            default -> throw new IllegalStateException("arithmetic on " + type);
        };
    }

    private static Object integer(char op, long x, long y, TypeKind kind) {
        long r;
        try {
            r = switch (op) {
                case '+' -> Math.addExact(x, y);
                case '-' -> Math.subtractExact(x, y);
                case '*' -> Math.multiplyExact(x, y);
                case '/' -> {
                    if (y == 0) {
                        throw Errors.divisionByZero();
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        throw new ArithmeticException();
                    }
                    yield x / y;
                }
                case '%' -> {
                    if (y == 0) {
                        throw Errors.divisionByZero();
                    }
                    yield y == -1 ? 0 : x % y;
                }
                default -> throw new IllegalStateException("operator " + op);
            };
        } catch (ArithmeticException e) {
            throw Errors.outOfRange(kind.sqlName());
        }
        return switch (kind) {
            case INT2 -> (short) Casts.checkRange(r, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT4 -> (int) Casts.checkRange(r, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            default -> r;
        };
    }

    private static double floating(char op, double x, double y, String typeName) {
        double r = switch (op) {
            case '+' -> x + y;
            case '-' -> x - y;
            case '*' -> x * y;
            case '/' -> {
                if (y == 0) {
                    throw Errors.divisionByZero();
                }
                yield x / y;
            }
            case '%' -> {
                if (y == 0) {
                    throw Errors.divisionByZero();
                }
                yield x % y;
            }
            default -> throw new IllegalStateException("operator " + op);
        };
        if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return r;
    }

    private static BigDecimal decimal(char op, BigDecimal x, BigDecimal y) {
        return switch (op) {
            case '+' -> x.add(y);
            case '-' -> x.subtract(y);
            case '*' -> x.multiply(y);
            case '/' -> {
                if (y.signum() == 0) {
                    throw Errors.divisionByZero();
                }
                yield divide(x, y);
            }
            case '%' -> {
                if (y.signum() == 0) {
                    throw Errors.divisionByZero();
                }
                yield x.remainder(y);
            }
            default -> throw new IllegalStateException("operator " + op);
        };
    }

    /** PostgreSQL's numeric division scale (select_div_scale): about 16 significant digits, base-10000 weights. */
    static BigDecimal divide(BigDecimal x, BigDecimal y) {
        int wx = weight(x);
        int wy = weight(y);
        int qweight = wx - wy;
        if (leadingDigit(x, wx) < leadingDigit(y, wy)) {
            qweight--;
        }
        int scale = NUMERIC_DIVISION_SCALE_MIN - qweight * 4;
        scale = Math.max(scale, Math.max(Math.max(x.scale(), 0), Math.max(y.scale(), 0)));
        scale = Math.min(Math.max(scale, 0), 1000);
        return x.divide(y, scale, RoundingMode.HALF_UP);
    }

    private static int weight(BigDecimal v) {
        if (v.signum() == 0) {
            return 0;
        }
        int decimalExponent = v.precision() - v.scale() - 1; // position of the leading decimal digit
        return Math.floorDiv(decimalExponent, 4);
    }

    private static long leadingDigit(BigDecimal v, int weight) {
        if (v.signum() == 0) {
            return 0;
        }
        return v.abs().movePointLeft(weight * 4).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    static Object negate(Object v, SqlType type) {
        if (v == null) {
            return null;
        }
        return apply('-', zeroOf(type), v, type);
    }

    private static Object zeroOf(SqlType type) {
        return switch (type.kind()) {
            case NUMERIC -> BigDecimal.ZERO;
            case FLOAT4, FLOAT8 -> 0.0;
            default -> 0L;
        };
    }
}
