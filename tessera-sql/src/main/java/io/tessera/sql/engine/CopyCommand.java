package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.sql.plan.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed COPY statement: {@code COPY t [(cols)] FROM STDIN [options]}, {@code COPY t [(cols)] TO
 * STDOUT [options]} or {@code COPY (query) TO STDOUT [options]}, with both the option list
 * syntax ({@code WITH (FORMAT csv, HEADER, FREEZE on)}) and the pre-9.0 keyword syntax
 * ({@code WITH CSV HEADER DELIMITER ','}). Files and programs are refused with 0A000: a node does
 * not read or write its own file system for clients (psql's {@code \copy} streams the file instead).
 *
 * @param table the table, or null for {@code COPY (query)}
 * @param columns the column list, empty for all visible columns
 * @param query the query text of {@code COPY (query) TO}, or null
 * @param from true for FROM STDIN, false for TO STDOUT
 */
record CopyCommand(String table, List<String> columns, String query, boolean from, CopyOptions options) {

    /** The formatting options; {@code nullString} and {@code delimiter} already defaulted by format. */
    record CopyOptions(boolean csv, char delimiter, String nullString, boolean header, char quote, char escape) {
        static final CopyOptions TEXT = new CopyOptions(false, '\t', "\\N", false, '"', '"');
    }

    /** Options as written, before the format's defaults apply. */
    private static final class Builder {
        String format = "text";
        String delimiter;
        String nullString;
        boolean header;
        String quote;
        String escape;

        CopyOptions build() {
            boolean csv = format.equals("csv");
            if (format.equals("binary")) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY BINARY is not supported");
            }
            if (!csv && !format.equals("text")) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"" + format + "\" not recognized");
            }
            if (!csv && (quote != null || escape != null)) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + (quote != null ? "quote" : "escape")
                        + " available only in CSV mode");
            }
            char delim = single(delimiter, csv ? ',' : '\t', "COPY delimiter");
            char q = single(quote, '"', "COPY quote");
            char e = single(escape, q, "COPY escape");
            String nul = nullString != null ? nullString : csv ? "" : "\\N";
            if (delim == '\n' || delim == '\r' || !csv && delim == '\\') {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be newline, carriage return or backslash");
            }
            if (csv && delim == q) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different");
            }
            return new CopyOptions(csv, delim, nul, header, q, e);
        }

        private static char single(String value, char otherwise, String what) {
            if (value == null) {
                return otherwise;
            }
            if (value.length() != 1) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, what + " must be a single one-byte character");
            }
            return value.charAt(0);
        }
    }

    static CopyCommand parse(String sql) {
        String body = sql.strip().substring(4).strip(); // after "copy"
        String query = null;
        List<String> t;
        String table = null;
        List<String> columns = new ArrayList<>();
        int i = 0;
        if (body.startsWith("(")) {
            int close = matchingParen(body);
            query = body.substring(1, close).strip();
            t = mergeEscapeStrings(Utility.tokens(body.substring(close + 1)));
        } else {
            t = mergeEscapeStrings(Utility.tokens(body));
            if (t.isEmpty()) {
                throw syntax("end of input");
            }
            table = Names.identifier(t.get(i++).replaceFirst("^(?i)public\\.", ""));
            if (i < t.size() && t.get(i).equals("(")) {
                i = columnList(t, i + 1, columns);
            }
        }
        if (i >= t.size()) {
            throw syntax("end of input");
        }
        String direction = t.get(i++).toLowerCase(Locale.ROOT);
        if (!direction.equals("from") && !direction.equals("to")) {
            throw syntax(t.get(i - 1));
        }
        boolean from = direction.equals("from");
        if (from && query != null) {
            throw syntax("FROM");
        }
        if (i >= t.size()) {
            throw syntax("end of input");
        }
        String endpoint = t.get(i++).toLowerCase(Locale.ROOT);
        if (!endpoint.equals(from ? "stdin" : "stdout")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + (from ? "FROM" : "TO")
                    + " a file or program is not supported").withHint("Use COPY ... " + (from ? "FROM STDIN" : "TO STDOUT")
                    + ", or psql's \\copy, which streams the file through the connection.");
        }
        return new CopyCommand(table, List.copyOf(columns), query, from, options(t, i));
    }

    /** The tokenizer splits E'\t' into E and '\t': join them back. */
    private static List<String> mergeEscapeStrings(List<String> t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).equalsIgnoreCase("e") && i + 1 < t.size() && t.get(i + 1).startsWith("'")) {
                out.add("E" + t.get(++i));
            } else {
                out.add(t.get(i));
            }
        }
        return out;
    }

    private static int columnList(List<String> t, int i, List<String> columns) {
        while (i < t.size() && !t.get(i).equals(")")) {
            if (!t.get(i).equals(",")) {
                columns.add(Names.identifier(t.get(i)));
            }
            i++;
        }
        if (i >= t.size()) {
            throw syntax("end of input");
        }
        return i + 1;
    }

    /** The index of the parenthesis closing the one at 0, skipping quoted text. */
    private static int matchingParen(String s) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw syntax("end of input");
    }

    private static CopyOptions options(List<String> t, int i) {
        Builder b = new Builder();
        if (i < t.size() && t.get(i).equalsIgnoreCase("with")) {
            i++;
        }
        if (i < t.size() && t.get(i).equals("(")) {
            i = optionList(t, i + 1, b);
        } else {
            i = legacyOptions(t, i, b);
        }
        if (i < t.size()) {
            if (t.get(i).equalsIgnoreCase("where")) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY ... WHERE is not supported");
            }
            throw syntax(t.get(i));
        }
        return b.build();
    }

    /** {@code (name [value], ...)}; returns the index after the closing parenthesis. */
    private static int optionList(List<String> t, int i, Builder b) {
        while (i < t.size() && !t.get(i).equals(")")) {
            String name = t.get(i++).toLowerCase(Locale.ROOT);
            String value = null;
            if (i < t.size() && !t.get(i).equals(",") && !t.get(i).equals(")")) {
                value = t.get(i++);
                if (value.equals("(")) { // FORCE_QUOTE (a, b): column lists are skipped, quoting is by need
                    while (i < t.size() && !t.get(i++).equals(")")) {
                        continue;
                    }
                    value = null;
                }
            }
            option(name, value == null ? null : unquote(value), b);
            if (i < t.size() && t.get(i).equals(",")) {
                i++;
            }
        }
        if (i >= t.size()) {
            throw syntax("end of input");
        }
        return i + 1;
    }

    private static void option(String name, String value, Builder b) {
        switch (name) {
            case "format" -> b.format = required(name, value).toLowerCase(Locale.ROOT);
            case "delimiter" -> b.delimiter = required(name, value);
            case "null" -> b.nullString = required(name, value);
            case "header" -> b.header = value == null || bool(name, value);
            case "quote" -> b.quote = required(name, value);
            case "escape" -> b.escape = required(name, value);
            case "freeze" -> bool(name, value == null ? "true" : value); // rows are visible at once anyway
            case "encoding" -> {
                String enc = required(name, value).replace("-", "").toUpperCase(Locale.ROOT);
                if (!enc.equals("UTF8") && !enc.equals("SQL_ASCII")) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "COPY ENCODING " + value + " is not supported");
                }
            }
            case "force_quote", "force_not_null", "force_null", "oids" -> { }
            default -> throw new SqlException(SqlState.SYNTAX_ERROR, "option \"" + name + "\" not recognized");
        }
    }

    private static String required(String name, String value) {
        if (value == null) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "option \"" + name + "\" requires a value");
        }
        return value;
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes" -> true;
            case "false", "off", "0", "no" -> false;
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, name + " requires a Boolean value");
        };
    }

    /** The pre-9.0 syntax: {@code BINARY, CSV, HEADER, FREEZE, DELIMITER [AS] 'x', NULL [AS] 'x', QUOTE ..., ESCAPE ...}. */
    private static int legacyOptions(List<String> t, int i, Builder b) {
        while (i < t.size()) {
            String word = t.get(i).toLowerCase(Locale.ROOT);
            switch (word) {
                case "binary" -> b.format = "binary";
                case "csv" -> b.format = "csv";
                case "header" -> b.header = true;
                case "freeze" -> { }
                case "delimiter", "null", "quote", "escape" -> {
                    if (i + 1 < t.size() && t.get(i + 1).equalsIgnoreCase("as")) {
                        i++;
                    }
                    if (i + 1 >= t.size()) {
                        throw syntax("end of input");
                    }
                    option(word, unquote(t.get(++i)), b);
                }
                case "force" -> {
                    i += 2; // FORCE QUOTE / FORCE NOT NULL col, ...: quoting is by need
                    while (i + 1 < t.size() && t.get(i + 1).equals(",")) {
                        i += 2;
                    }
                }
                default -> {
                    return i;
                }
            }
            i++;
        }
        return i;
    }

    /** 'x' and E'\t' literals to their text; bare words as they are. */
    private static String unquote(String token) {
        if (token.length() >= 3 && (token.charAt(0) == 'E' || token.charAt(0) == 'e') && token.charAt(1) == '\'') {
            return unescape(token.substring(2, token.length() - 1).replace("''", "'"));
        }
        if (token.length() >= 2 && token.charAt(0) == '\'') {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        return token;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static SqlException syntax(String near) {
        return new SqlException(SqlState.SYNTAX_ERROR, near.equals("end of input")
                ? "syntax error at end of input" : "syntax error at or near \"" + near + "\"");
    }
}
