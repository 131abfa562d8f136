package io.tessera.sql.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Runs of two or more prefix signs, which PostgreSQL's grammar takes and JSqlParser 5.3 does not
 * ({@code SELECT - - 29}, {@code a * + - b}, as SQLite's random sqllogictests write them), become
 * their net sign before parsing: {@code - - x} is {@code x}, {@code + - x} is {@code -x}. A binary
 * operator before the run stays as it is ({@code a - - - x} is {@code a - x}); one prefix sign
 * after an operator parses already and is left alone. String literals, quoted identifiers and
 * comments are not touched.
 */
final class SignRuns {
    private SignRuns() {}

    /** Words after which a sign is a prefix (it starts an operand), not an operator between two. */
    private static final Set<String> BEFORE_OPERAND = Set.of("select", "all", "distinct", "where", "and", "or", "not",
            "when", "then", "else", "by", "in", "between", "on", "having", "is", "like", "ilike", "case", "returning",
            "values", "set", "limit", "offset", "return", "as", "array", "exists", "any", "some", "over", "filter", "default",
            "check", "using", "interval");

    static String rewrite(String sql) {
        if (!mayNeed(sql)) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            int skipped = skipQuotedOrComment(sql, i);
            if (skipped > i) {
                out.append(sql, i, skipped);
                i = skipped;
                continue;
            }
            char c = sql.charAt(i);
            if (isSign(sql, i)) {
                i = signRun(sql, i, out);
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** A cheap test: two signs apart only by spaces. */
    private static boolean mayNeed(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '+' || c == '-') {
                int j = i + 1;
                while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) {
                    j++;
                }
                if (j > i + 1 && j < sql.length() && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A lone + or - (not part of -- , ->, #- or another operator). */
    private static boolean isSign(String s, int i) {
        char c = s.charAt(i);
        if (c != '+' && c != '-') {
            return false;
        }
        char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        char prev = i > 0 ? s.charAt(i - 1) : ' ';
        return "-+>=<!~@#%^&|*/`?".indexOf(next) < 0 && "-+<>=!~@#%^&|`?".indexOf(prev) < 0;
    }

    /** Copies a run of signs starting at {@code i} as its one equivalent sign; returns where the run ends. */
    private static int signRun(String s, int i, StringBuilder out) {
        boolean binary = afterOperand(out);
        char first = s.charAt(i);
        boolean negative = false;
        int j = i + 1;
        int count = 1;
        while (true) {
            int k = j;
            while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
                k++;
            }
            if (k < s.length() && isSign(s, k)) {
                negative ^= s.charAt(k) == '-';
                count++;
                j = k + 1;
            } else {
                break;
            }
        }
        if (count == 1 || binary && count == 2) {
            out.append(s, i, j);
            return j;
        }
        if (binary) {
            out.append(first).append(negative ? " -" : " ");
        } else {
            negative ^= first == '-';
            out.append(negative ? "-" : " ");
        }
        return j;
    }

    /** Whether the text so far ends with an operand (a sign now is binary). */
    private static boolean afterOperand(StringBuilder out) {
        int k = out.length() - 1;
        while (k >= 0 && Character.isWhitespace(out.charAt(k))) {
            k--;
        }
        if (k < 0) {
            return false;
        }
        char c = out.charAt(k);
        if (c == ')' || c == '\'' || c == '"' || c == ']') {
            return true;
        }
        if (!Character.isLetterOrDigit(c) && c != '_' && c != '.') {
            return false;
        }
        int start = k;
        while (start > 0 && (Character.isLetterOrDigit(out.charAt(start - 1)) || out.charAt(start - 1) == '_')) {
            start--;
        }
        String word = out.substring(start, k + 1).toLowerCase(Locale.ROOT);
        return !BEFORE_OPERAND.contains(word);
    }

    /** The end of a string, quoted identifier or comment starting at {@code i}, or {@code i}. */
    private static int skipQuotedOrComment(String s, int i) {
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < s.length()) {
                if (s.charAt(j) == c) {
                    if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return s.length();
        }
        if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
            int end = s.indexOf('\n', i);
            return end < 0 ? s.length() : end;
        }
        if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
            int end = s.indexOf("*/", i + 2);
            return end < 0 ? s.length() : end + 2;
        }
        return i;
    }
}
