package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.sql.engine.CopyCommand.CopyOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's COPY text and CSV formats: cutting a byte stream into records, a record into
 * fields (null for SQL NULL), and fields back into a line. Pure functions of the options, so
 * they are tested without a session.
 *
 * <p>Text format: fields split at the delimiter, backslash escapes ({@code \t \n \r \b \f \v \\},
 * octal {@code \123}, hex {@code \x41}, any other character stands for itself), the NULL string
 * ({@code \N}) compared before unescaping; a record ends at an (unescaped) newline. CSV: fields
 * may be quoted, a quoted field may hold delimiters and newlines, the escape character (the quote
 * by default) before a quote yields a quote; an unquoted field equal to the NULL string (empty by
 * default) is NULL. In both a line holding only {@code \.} ends the data.
 */
final class CopyCodec {
    /** The longest record accepted (PostgreSQL's limit on a line is 1 GB; Tessera's rows are far smaller). */
    static final int RECORD_BYTES_MAX = 16 * 1024 * 1024;

    private final CopyOptions options;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean endMarkerSeen;

    CopyCodec(CopyOptions options) {
        this.options = options;
    }

    boolean endMarkerSeen() { return endMarkerSeen; }

    /**
     * Adds a chunk and returns the complete records it finished (without their line end); the end
     * marker {@code \.} stops the data: anything after it is ignored, as PostgreSQL does.
     */
    List<String> feed(byte[] chunk) {
        List<String> records = new ArrayList<>();
        if (endMarkerSeen) {
            return records;
        }
        pending.write(chunk, 0, chunk.length);
        byte[] buf = pending.toByteArray();
        int start = 0;
        boolean inQuote = false;
        for (int i = 0; i < buf.length; i++) {
            byte b = buf[i];
            if (options.csv()) {
                if (inQuote && b == options.escape() && i + 1 < buf.length && buf[i + 1] == options.quote()) {
                    i++; // an escaped quote inside a quoted field
                    continue;
                }
                if (b == options.quote()) {
                    inQuote = !inQuote;
                    continue;
                }
            }
            if (b == '\n' && !inQuote) {
                int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                String record = new String(buf, start, end - start, StandardCharsets.UTF_8);
                start = i + 1;
                if (record.equals("\\.")) {
                    endMarkerSeen = true;
                    pending.reset();
                    return records;
                }
                records.add(record);
            }
        }
        pending.reset();
        pending.write(buf, start, buf.length - start);
        if (pending.size() > RECORD_BYTES_MAX) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "COPY record longer than " + RECORD_BYTES_MAX + " bytes");
        }
        return records;
    }

    /** The last record when the stream ended without a newline, or null. */
    String rest() {
        if (endMarkerSeen || pending.size() == 0) {
            return null;
        }
        String record = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        if (record.endsWith("\r")) {
            record = record.substring(0, record.length() - 1);
        }
        return record.equals("\\.") ? null : record;
    }

    /** The fields of one record; null elements are SQL NULL. */
    List<String> fields(String record) {
        return options.csv() ? csvFields(record) : textFields(record);
    }

    private List<String> textFields(String record) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= record.length(); i++) {
            if (i == record.length() || record.charAt(i) == options.delimiter()) {
                String raw = record.substring(start, i);
                out.add(raw.equals(options.nullString()) ? null : unescapeText(raw));
                start = i + 1;
            } else if (record.charAt(i) == '\\') {
                i++; // an escaped delimiter does not split
            }
        }
        return out;
    }

    static String unescapeText(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= raw.length()) {
                out.append(c);
                continue;
            }
            char n = raw.charAt(++i);
            switch (n) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case 'x' -> i = digits(raw, i + 1, 16, 2, out) - 1;
                case '0', '1', '2', '3', '4', '5', '6', '7' -> i = digits(raw, i, 8, 3, out) - 1;
                default -> out.append(n);
            }
        }
        return out.toString();
    }

    /** Appends the character of up to {@code max} digits at {@code from}; returns the index after them. */
    private static int digits(String s, int from, int radix, int max, StringBuilder out) {
        int end = from;
        while (end < s.length() && end - from < max && Character.digit(s.charAt(end), radix) >= 0) {
            end++;
        }
        if (end == from) { // "\x" without digits is a plain x
            out.append('x');
            return from;
        }
        out.append((char) Integer.parseInt(s, from, end, radix));
        return end;
    }

    private List<String> csvFields(String record) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inQuote = false;
        char q = options.quote();
        char e = options.escape();
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (inQuote) {
                if (c == e && i + 1 < record.length() && record.charAt(i + 1) == q) {
                    field.append(q);
                    i++;
                } else if (c == q) {
                    inQuote = false;
                } else {
                    field.append(c);
                }
            } else if (c == q) {
                inQuote = true;
                quoted = true;
            } else if (c == options.delimiter()) {
                out.add(csvValue(field.toString(), quoted));
                field.setLength(0);
                quoted = false;
            } else {
                field.append(c);
            }
        }
        if (inQuote) {
            throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
        }
        out.add(csvValue(field.toString(), quoted));
        return out;
    }

    private String csvValue(String text, boolean quoted) {
        return !quoted && text.equals(options.nullString()) ? null : text;
    }

    /** One output line, newline included; null elements are written as the NULL string. */
    String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(options.delimiter());
            }
            String f = fields.get(i);
            if (f == null) {
                out.append(options.nullString());
            } else if (options.csv()) {
                appendCsv(out, f);
            } else {
                appendText(out, f);
            }
        }
        return out.append('\n').toString();
    }

    private void appendText(StringBuilder out, String f) {
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append(options.delimiter() == '\t' ? "\\t" : "\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u000b' -> out.append("\\v");
                default -> {
                    if (c == options.delimiter()) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
    }

    private void appendCsv(StringBuilder out, String f) {
        char q = options.quote();
        boolean quote = f.isEmpty() ? options.nullString().isEmpty() : f.equals(options.nullString())
                || f.equals("\\.") || f.indexOf(options.delimiter()) >= 0 || f.indexOf(q) >= 0
                || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0;
        if (!quote) {
            out.append(f);
            return;
        }
        out.append(q);
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == q || c == options.escape()) {
                out.append(options.escape());
            }
            out.append(c);
        }
        out.append(q);
    }
}
