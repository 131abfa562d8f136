package io.tessera.cli.slt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Renders one result value the way the reference harness prints it for a column's type letter,
 * whatever SQL type the server chose: {@code I} as a decimal integer (fractions truncated toward
 * zero, booleans as 1/0), {@code R} as C's {@code %.3f}, {@code T} as the text with {@code (empty)}
 * for the empty string. NULL is {@code NULL} for every letter, and every byte outside ASCII 32..126
 * becomes {@code @}.
 */
final class ValueFormat {
    static final String NULL = "NULL";
    static final String EMPTY = "(empty)";
    private static final int REAL_DECIMALS = 3;

    private ValueFormat() {
    }

    /** {@code value} is what pgjdbc's {@code getObject} returned, or the text for {@code T}. */
    static String format(Object value, char typeLetter) {
        if (value == null) {
            return NULL;
        }
        return switch (typeLetter) {
            case 'I' -> formatInteger(value);
            case 'R' -> formatReal(value);
            case 'T' -> formatText(value.toString());
            default -> throw new IllegalArgumentException("unknown type letter '" + typeLetter + "'");
        };
    }

    static String formatInteger(Object value) {
        return switch (value) {
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Short s -> s.toString();
            case Byte b -> b.toString();
            case BigInteger b -> b.toString();
            case BigDecimal d -> d.setScale(0, RoundingMode.DOWN).toPlainString();
            case Double d -> truncate(d);
            case Float f -> truncate(f.doubleValue());
            case Boolean b -> b ? "1" : "0";
            default -> leadingInteger(value.toString());
        };
    }

    static String formatReal(Object value) {
        return switch (value) {
            case Number n -> fixed3(n.doubleValue());
            case Boolean b -> fixed3(b ? 1 : 0);
            default -> fixed3(leadingReal(value.toString()));
        };
    }

    static String formatText(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            // The harness works on C bytes, so a multi-byte character becomes several '@'.
            out.append(b >= ' ' && b <= '~' ? (char) b : '@');
        }
        return out.toString();
    }

    /** C's {@code printf("%.3f")}: the exact binary value rounded half-even, sign kept for -0.000. */
    static String fixed3(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String digits = new BigDecimal(d).setScale(REAL_DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        return negative && !digits.startsWith("-") ? "-" + digits : digits;
    }

    /** A C cast of a double to an integer: toward zero; NaN and infinities have no integer value. */
    private static String truncate(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "0";
        }
        return new BigDecimal(d).setScale(0, RoundingMode.DOWN).toPlainString();
    }

    /** Text in an I column: its numeric prefix truncated, or 0 (what SQLite's column_int64 does). */
    private static String leadingInteger(String text) {
        String prefix = numericPrefix(text.strip());
        return prefix.isEmpty() ? "0" : new BigDecimal(prefix).setScale(0, RoundingMode.DOWN).toPlainString();
    }

    private static double leadingReal(String text) {
        String prefix = numericPrefix(text.strip());
        return prefix.isEmpty() ? 0 : Double.parseDouble(prefix);
    }

    /** The longest prefix shaped like {@code [+-]digits[.digits]}, or "" when there is none. */
    static String numericPrefix(String text) {
        int i = 0;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digitsStart = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
            i++;
        }
        int intEnd = i;
        if (i < text.length() && text.charAt(i) == '.') {
            int j = i + 1;
            while (j < text.length() && Character.isDigit(text.charAt(j)) && text.charAt(j) < 128) {
                j++;
            }
            if (j > i + 1) {
                i = j;
            }
        }
        if (intEnd == digitsStart && i == intEnd) {
            return "";
        }
        String prefix = text.substring(0, i);
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
