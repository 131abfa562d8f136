package io.tessera.common.types;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's text input and output of every {@link TypeKind}, with the settings Tessera
 * supports: DateStyle ISO, IntervalStyle postgres, bytea_output hex, extra_float_digits 1
 * (shortest exact float output, PostgreSQL's default since version 12).
 */
public final class TextFormat {
    private TextFormat() {}

    private static final HexFormat HEX = HexFormat.of();

    // ---------------------------------------------------------------- output

    public static String format(Object value, SqlType type, ZoneId zone) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOL -> ((Boolean) value) ? "t" : "f";
            case INT2, INT4, INT8, OID -> value.toString();
            case FLOAT4 -> formatFloat4((Float) value);
            case FLOAT8 -> formatFloat8((Double) value);
            case NUMERIC -> ((BigDecimal) value).toPlainString();
            case BYTEA -> "\\x" + HEX.formatHex((byte[]) value);
            case DATE -> formatDate((LocalDate) value);
            case TIMESTAMP -> formatTimestamp((LocalDateTime) value);
            case TIMESTAMPTZ -> formatTimestamptz((Instant) value, zone);
            case JSONB -> ((Jsonb) value).text();
            case TEXT_ARRAY, INT2_ARRAY, INT4_ARRAY, OID_ARRAY -> formatArray((List<?>) value);
            default -> value.toString();
        };
    }

    public static String formatFloat8(double d) {
        return formatShortest(d, Double.isNaN(d) || Double.isInfinite(d) ? null : Double.toString(d), 15);
    }

    public static String formatFloat4(float f) {
        return formatShortest(f, Float.isNaN(f) || Float.isInfinite(f) ? null : Float.toString(f), 6);
    }

    /**
     * Java 19+ prints the shortest decimal that round-trips, as PostgreSQL does; only the layout
     * differs: PostgreSQL switches to exponent form below 1e-4 and from 10^digits up, and writes
     * the exponent as e+NN / e-NN.
     */
    private static String formatShortest(double d, String javaText, int expThreshold) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(javaText).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= expThreshold) {
            String digits = exact.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder();
            if (exact.signum() < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            return sb.append(abs).toString();
        }
        return exact.toPlainString();
    }

    private static String formatDate(LocalDate d) {
        int year = d.getYear();
        if (year <= 0) {
            return String.format("%04d-%02d-%02d BC", 1 - year, d.getMonthValue(), d.getDayOfMonth());
        }
        return String.format("%04d-%02d-%02d", year, d.getMonthValue(), d.getDayOfMonth());
    }

    private static String formatTime(LocalTime t) {
        StringBuilder sb = new StringBuilder(15);
        sb.append(String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String frac = String.format("%06d", micros);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.toString();
    }

    public static String formatTimestamp(LocalDateTime t) {
        LocalDate date = t.toLocalDate();
        String time = formatTime(t.toLocalTime());
        if (date.getYear() <= 0) {
            return String.format("%04d-%02d-%02d %s BC", 1 - date.getYear(), date.getMonthValue(), date.getDayOfMonth(), time);
        }
        return formatDate(date) + " " + time;
    }

    public static String formatTimestamptz(Instant instant, ZoneId zone) {
        ZonedDateTime z = instant.atZone(zone);
        int offsetSeconds = z.getOffset().getTotalSeconds();
        String ts = formatTimestamp(z.toLocalDateTime());
        boolean bc = ts.endsWith(" BC");
        if (bc) {
            ts = ts.substring(0, ts.length() - 3);
        }
        return ts + formatOffset(offsetSeconds) + (bc ? " BC" : "");
    }

    private static String formatOffset(int offsetSeconds) {
        int abs = Math.abs(offsetSeconds);
        StringBuilder sb = new StringBuilder(offsetSeconds < 0 ? "-" : "+");
        sb.append(String.format("%02d", abs / 3600));
        if (abs % 3600 != 0) {
            sb.append(String.format(":%02d", (abs % 3600) / 60));
            if (abs % 60 != 0) {
                sb.append(String.format(":%02d", abs % 60));
            }
        }
        return sb.toString();
    }

    private static String formatArray(List<?> list) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = list.get(i);
            if (e == null) {
                sb.append("NULL");
            } else if (e instanceof String s) {
                sb.append(quoteArrayElement(s));
            } else {
                sb.append(e);
            }
        }
        return sb.append('}').toString();
    }

    private static String quoteArrayElement(String s) {
        boolean needsQuotes = s.isEmpty() || s.equalsIgnoreCase("NULL");
        for (int i = 0; i < s.length() && !needsQuotes; i++) {
            char c = s.charAt(i);
            needsQuotes = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || Character.isWhitespace(c);
        }
        if (!needsQuotes) {
            return s;
        }
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    // ---------------------------------------------------------------- input

    public static Object parse(String text, SqlType type, ZoneId zone) {
        if (text == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOL -> parseBool(text);
            case INT2 -> (short) parseInteger(text, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT4 -> (int) parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case INT8 -> parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case OID -> parseInteger(text, 0, 0xFFFFFFFFL, "oid");
            case FLOAT4 -> (float) parseDouble(text, "real");
            case FLOAT8 -> parseDouble(text, "double precision");
            case NUMERIC -> parseNumeric(text);
            case BYTEA -> parseBytea(text);
            case DATE -> parseDate(text);
            case TIMESTAMP -> parseTimestamp(text);
            case TIMESTAMPTZ -> parseTimestamptz(text, zone);
            case JSONB -> JsonbText.parse(text);
            case TEXT_ARRAY -> parseArray(text, SqlType.TEXT, zone);
            case INT2_ARRAY -> parseArray(text, SqlType.INT2, zone);
            case INT4_ARRAY -> parseArray(text, SqlType.INT4, zone);
            case OID_ARRAY -> parseArray(text, SqlType.OID, zone);
            default -> text;
        };
    }

    private static SqlException invalid(String typeName, String text) {
        return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    public static boolean parseBool(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "t", "tr", "tru", "true", "y", "ye", "yes", "on", "1" -> true;
            case "f", "fa", "fal", "fals", "false", "n", "no", "of", "off", "0" -> false;
            default -> throw invalid("boolean", text);
        };
    }

    public static long parseInteger(String text, long min, long max, String typeName) {
        String s = text.trim();
        long v;
        try {
            v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            if (s.matches("[+-]?[0-9]+")) {
                throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "value \"" + text + "\" is out of range for type " + typeName);
            }
            throw invalid(typeName, text);
        }
        if (v < min || v > max) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + text + "\" is out of range for type " + typeName);
        }
        return v;
    }

    private static final Pattern FLOAT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    public static double parseDouble(String text, String typeName) {
        String s = text.trim();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan": return Double.NaN;
            case "infinity", "+infinity", "inf", "+inf": return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        if (!FLOAT.matcher(s).matches()) {
            throw invalid(typeName, text);
        }
        double d = Double.parseDouble(s);
        boolean overflow = Double.isInfinite(d) || (typeName.equals("real") && Math.abs(d) > Float.MAX_VALUE);
        if (overflow) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + s + "\" is out of range for type " + typeName);
        }
        return d;
    }

    public static BigDecimal parseNumeric(String text) {
        String s = text.trim();
        if (!FLOAT.matcher(s).matches()) {
            throw invalid("numeric", text);
        }
        BigDecimal d = new BigDecimal(s);
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static byte[] parseBytea(String text) {
        if (text.startsWith("\\x")) {
            String hex = text.substring(2).replaceAll("\\s", "");
            if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
                throw invalid("bytea", text);
            }
            return HEX.parseHex(hex);
        }
        // escape format: backslash-octal and doubled backslashes
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '\\') {
                out.write(in[i]);
            } else if (i + 1 < in.length && in[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < in.length && isOctal(in[i + 1]) && isOctal(in[i + 2]) && isOctal(in[i + 3])) {
                out.write(((in[i + 1] - '0') << 6) | ((in[i + 2] - '0') << 3) | (in[i + 3] - '0'));
                i += 3;
            } else {
                throw invalid("bytea", text);
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b) { return b >= '0' && b <= '7'; }

    private static final Pattern DATE = Pattern.compile("(\\d{1,7})-(\\d{1,2})-(\\d{1,2})(\\s+BC)?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{1,7})-(\\d{1,2})-(\\d{1,2})(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
            + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?)?(\\s+BC)?", Pattern.CASE_INSENSITIVE);

    public static LocalDate parseDate(String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("epoch")) {
            return LocalDate.of(1970, 1, 1);
        }
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            throw new SqlException(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type date: \"" + text + "\"");
        }
        return date(m, text, "date");
    }

    private static LocalDate date(Matcher m, String text, String typeName) {
        int year = Integer.parseInt(m.group(1));
        if (m.group(9) != null) {
            year = 1 - year;
        }
        try {
            return LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
        }
    }

    private static LocalDateTime localDateTime(Matcher m, String text, String typeName) {
        LocalDate d = date(m, text, typeName);
        if (m.group(4) == null) {
            return d.atStartOfDay();
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                String frac = (m.group(7) + "000000000").substring(0, 9);
                // PostgreSQL keeps microseconds, rounding the rest
                nanos = (int) Math.round(Integer.parseInt(frac) / 1000.0) * 1000;
            }
            LocalDateTime t = d.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return t.plusNanos(nanos);
        } catch (DateTimeException e) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
        }
    }

    public static LocalDateTime parseTimestamp(String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("epoch")) {
            return LocalDateTime.of(1970, 1, 1, 0, 0);
        }
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            throw new SqlException(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type timestamp: \"" + text + "\"");
        }
        return localDateTime(m, text, "timestamp");
    }

    public static Instant parseTimestamptz(String text, ZoneId zone) {
        String s = text.trim();
        if (s.equalsIgnoreCase("epoch")) {
            return Instant.EPOCH;
        }
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            throw new SqlException(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type timestamp with time zone: \"" + text + "\"");
        }
        LocalDateTime local = localDateTime(m, text, "timestamp with time zone");
        String offset = m.group(8);
        if (offset == null) {
            return local.atZone(zone).toInstant();
        }
        return local.toInstant(parseOffset(offset));
    }

    private static ZoneOffset parseOffset(String offset) {
        String o = offset.toUpperCase(Locale.ROOT);
        if (o.equals("Z") || o.equals("UTC") || o.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        int sign = o.charAt(0) == '-' ? -1 : 1;
        String digits = o.substring(1).replace(":", "");
        // hh, hhmm or hhmmss, where hh may have one digit
        int secondsPart = digits.length() > 4 ? Integer.parseInt(digits.substring(digits.length() - 2)) : 0;
        String hoursMinutes = digits.length() > 4 ? digits.substring(0, digits.length() - 2) : digits;
        int minutes = hoursMinutes.length() > 2 ? Integer.parseInt(hoursMinutes.substring(hoursMinutes.length() - 2)) : 0;
        int hours = Integer.parseInt(hoursMinutes.length() > 2 ? hoursMinutes.substring(0, hoursMinutes.length() - 2) : hoursMinutes);
        return ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60 + secondsPart));
    }

    private static List<Object> parseArray(String text, SqlType element, ZoneId zone) {
        String s = text.trim();
        if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
            throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"");
        }
        List<Object> out = new ArrayList<>();
        String body = s.substring(1, s.length() - 1);
        int i = 0;
        while (i < body.length()) {
            StringBuilder item = new StringBuilder();
            boolean quoted = false;
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            if (i < body.length() && body.charAt(i) == '"') {
                quoted = true;
                i++;
                while (i < body.length() && body.charAt(i) != '"') {
                    if (body.charAt(i) == '\\' && i + 1 < body.length()) {
                        i++;
                    }
                    item.append(body.charAt(i++));
                }
                i++;
            }
            while (i < body.length() && body.charAt(i) != ',') {
                item.append(body.charAt(i++));
            }
            i++;
            String value = quoted ? item.toString() : item.toString().trim();
            out.add(!quoted && value.equalsIgnoreCase("NULL") ? null : parse(value, element, zone));
        }
        return out;
    }
}
