package io.tessera.sql.catalog;

import io.tessera.common.types.SqlType;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a column's DEFAULT as the catalog keeps it (the SQL text the user wrote, e.g.
 * {@code nextval('t_id_seq')}) into the text PostgreSQL's {@code pg_get_expr} prints for it, which
 * psql shows in {@code \d} and pgjdbc inspects ({@code LIKE '%nextval(%'}):
 *
 * <pre>
 * nextval('t_id_seq')      -> nextval('t_id_seq'::regclass)
 * current_timestamp        -> CURRENT_TIMESTAMP          (SQL value functions print upper-case)
 * 42  /  1.5               -> 42  /  1.5                 (non-negative int4 and numeric stay bare)
 * -1                       -> '-1'::integer              (PostgreSQL quotes negative constants)
 * 'x' on varchar(20)       -> 'x'::character varying     (literals carry their column's type)
 * TRUE                     -> true
 * </pre>
 *
 * Anything else (function calls such as {@code now()}, operators) is printed as written. PostgreSQL
 * would also normalise literal values by their type's output function (a timestamptz literal
 * prints as {@code '2024-01-01 00:00:00+00'}); Tessera keeps the literal as written.
 */
final class DefaultExpressions {
    private static final Pattern NEXTVAL = Pattern.compile(
            "(?i)^\\s*nextval\\s*\\(\\s*'((?:[^']|'')+)'\\s*(?:::\\s*regclass\\s*)?\\)\\s*$");
    private static final Pattern INTEGER = Pattern.compile("^\\s*(-?)\\s*(\\d+)\\s*$");
    private static final Pattern DECIMAL = Pattern.compile("^\\s*(-?)\\s*(\\d*\\.\\d+|\\d+\\.\\d*)\\s*$");
    private static final Pattern STRING = Pattern.compile("^\\s*'((?:[^']|'')*)'\\s*(?:::\\s*[a-zA-Z_ ()0-9,]+)?$");
    private static final Set<String> VALUE_FUNCTIONS = Set.of("current_timestamp", "current_date", "current_time",
            "localtimestamp", "localtime", "current_user", "session_user", "current_role", "current_catalog",
            "current_schema", "user");

    private DefaultExpressions() {}

    static String display(String expression, SqlType columnType) {
        String text = expression.strip();
        Matcher m = NEXTVAL.matcher(text);
        if (m.matches()) {
            return "nextval('" + m.group(1) + "'::regclass)";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (VALUE_FUNCTIONS.contains(lower)) {
            return lower.toUpperCase(Locale.ROOT);
        }
        if (lower.equals("true") || lower.equals("false")) {
            return lower;
        }
        m = INTEGER.matcher(text);
        if (m.matches()) {
            return integer(m.group(1).equals("-"), m.group(2));
        }
        m = DECIMAL.matcher(text);
        if (m.matches()) {
            return m.group(1).equals("-") ? "'-" + m.group(2) + "'::numeric" : m.group(2);
        }
        m = STRING.matcher(text);
        if (m.matches()) {
            return "'" + m.group(1) + "'::" + FormatType.format(columnType.oid(), -1, null);
        }
        return tightenCalls(text);
    }

    /**
     * PostgreSQL prints a function call with no space before its parenthesis ({@code now()}); a
     * DEFAULT re-printed by a SQL parser may read {@code now ()}. Spaces inside quoted literals and
     * identifiers stay.
     */
    static String tightenCalls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (Character.isWhitespace(c) && endsWithCallName(out) && nextNonSpace(text, i) == '(') {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Operators spelled as words keep their space: {@code a AND (b)}, {@code x IN (1, 2)}. */
    private static final Set<String> OPERATOR_WORDS = Set.of("and", "or", "not", "in", "is", "like", "ilike",
            "similar", "between", "case", "when", "then", "else", "any", "all", "some", "exists", "as", "distinct",
            "from", "array", "values", "select", "over", "filter", "within", "escape", "collate", "using");

    private static boolean endsWithCallName(StringBuilder text) {
        int end = text.length();
        if (end == 0) {
            return false;
        }
        if (text.charAt(end - 1) == '"') {
            return true;
        }
        int start = end;
        while (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '_')) {
            start--;
        }
        String word = text.substring(start, end).toLowerCase(Locale.ROOT);
        return !word.isEmpty() && !Character.isDigit(word.charAt(0)) && !OPERATOR_WORDS.contains(word);
    }

    private static char nextNonSpace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return 0;
    }

    /** The sequence a DEFAULT draws from, when it is {@code nextval('name')}; schema prefix dropped. */
    static Optional<String> sequenceName(String expression) {
        if (expression == null) {
            return Optional.empty();
        }
        Matcher m = NEXTVAL.matcher(expression);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1).replace("''", "'");
        if (name.startsWith("public.")) {
            name = name.substring("public.".length());
        }
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        return Optional.of(name);
    }

    /** An int4 constant prints bare unless negative; one beyond int4 is an int8 constant and is labelled. */
    private static String integer(boolean negative, String digits) {
        String value = (negative ? "-" : "") + digits.replaceFirst("^0+(?=\\d)", "");
        boolean fitsInt4;
        try {
            Integer.parseInt(value);
            fitsInt4 = true;
        } catch (NumberFormatException e) {
            fitsInt4 = false;
        }
        if (fitsInt4) {
            return negative ? "'" + value + "'::integer" : value;
        }
        return "'" + value + "'::bigint";
    }
}
