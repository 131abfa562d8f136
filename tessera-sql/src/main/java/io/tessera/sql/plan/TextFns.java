package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** String functions with PostgreSQL's edge cases (1-based positions, negative lengths). */
final class TextFns {
    private TextFns() {}

    static String substring(String s, int start, int length) {
        if (length < -1) {
            throw new SqlException("22011",
                    "negative substring length not allowed");
        }
        int cps = s.codePointCount(0, s.length());
        long from = start;
        long to = length == -1 ? Long.MAX_VALUE : (long) start + length;
        from = Math.max(from, 1);
        to = Math.min(to, cps + 1L);
        if (from >= to) {
            return "";
        }
        int b = s.offsetByCodePoints(0, (int) from - 1);
        int e = s.offsetByCodePoints(0, (int) to - 1);
        return s.substring(b, e);
    }

    static int position(String needle, String haystack) {
        int i = haystack.indexOf(needle);
        return i < 0 ? 0 : haystack.codePointCount(0, i) + 1;
    }

    static String trim(String s, String chars, boolean leading, boolean trailing) {
        int b = 0;
        int e = s.length();
        while (leading && b < e && chars.indexOf(s.charAt(b)) >= 0) {
            b++;
        }
        while (trailing && e > b && chars.indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return s.substring(b, e);
    }

    static String left(String s, int n) {
        int cps = s.codePointCount(0, s.length());
        int keep = n >= 0 ? Math.min(n, cps) : Math.max(0, cps + n);
        return s.substring(0, s.offsetByCodePoints(0, keep));
    }

    static String right(String s, int n) {
        int cps = s.codePointCount(0, s.length());
        int keep = n >= 0 ? Math.min(n, cps) : Math.max(0, cps + n);
        return s.substring(s.offsetByCodePoints(0, cps - keep));
    }

    static String splitPart(String s, String delimiter, int field) {
        if (field == 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        String[] parts = delimiter.isEmpty() ? new String[] {s} : s.split(java.util.regex.Pattern.quote(delimiter), -1);
        int i = field > 0 ? field - 1 : parts.length + field;
        return i >= 0 && i < parts.length ? parts[i] : "";
    }

    static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (char c : s.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetterOrDigit(c);
        }
        return out.toString();
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has MD5", e);
        }
    }

    static String pad(String s, int length, String fill, boolean left) {
        int cps = s.codePointCount(0, s.length());
        if (length <= cps) {
            return s.substring(0, s.offsetByCodePoints(0, Math.max(length, 0)));
        }
        if (fill.isEmpty()) {
            return s;
        }
        StringBuilder padding = new StringBuilder();
        while (padding.length() < length - cps) {
            padding.append(fill);
        }
        padding.setLength(length - cps);
        return left ? padding + s : s + padding;
    }

    static String concat(List<Object> values, List<SqlType> types, String separator) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                continue;
            }
            if (!first && separator != null) {
                out.append(separator);
            }
            out.append(Functions.text(v, types.get(i), java.time.ZoneOffset.UTC));
            first = false;
        }
        return out.toString();
    }

    static String arrayToString(List<?> values, String separator) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object v : values) {
            if (v == null) {
                continue;
            }
            if (!first) {
                out.append(separator);
            }
            out.append(v);
            first = false;
        }
        return out.toString();
    }
}
