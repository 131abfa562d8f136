package io.tessera.cli.slt;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the text of a sqllogictest script into records. Records are separated by blank lines;
 * lines starting with {@code #} are comments wherever they appear and never end a record.
 * Parsing never throws on bad input: a record it cannot read becomes {@link SltRecord.Malformed}.
 */
final class SltParser {
    /** Separates the SQL of a query from its expected values. */
    static final String RESULT_SEPARATOR = "----";
    private static final String TYPE_LETTERS = "IRT";

    private final List<String> lines;
    private int next;

    private SltParser(String text) {
        // Some upstream files use CRLF; a CR is never part of SQL or of a value.
        this.lines = List.of(text.split("\r?\n", -1));
    }

    static List<SltRecord> parse(String text) {
        return new SltParser(text).records();
    }

    private List<SltRecord> records() {
        List<SltRecord> records = new ArrayList<>();
        while (skipToRecord()) {
            records.add(record());
        }
        return List.copyOf(records);
    }

    /** Moves past blank and comment lines; false at the end of the text. */
    private boolean skipToRecord() {
        while (next < lines.size() && (isBlank(lines.get(next)) || isComment(lines.get(next)))) {
            next++;
        }
        return next < lines.size();
    }

    private SltRecord record() {
        List<Condition> conditions = new ArrayList<>();
        while (next < lines.size() && !isBlank(lines.get(next))) {
            String[] words = words(lines.get(next));
            if (isComment(lines.get(next))) {
                next++;
            } else if (words[0].equals("skipif") || words[0].equals("onlyif")) {
                if (words.length < 2) {
                    return malformed(next + 1, words[0] + " without an engine name");
                }
                conditions.add(new Condition(words[0].equals("skipif") ? Condition.Kind.SKIPIF : Condition.Kind.ONLYIF, words[1]));
                next++;
            } else {
                break;
            }
        }
        if (next >= lines.size() || isBlank(lines.get(next))) {
            return malformed(next, "conditions without a record");
        }
        int line = next + 1;
        String[] words = words(lines.get(next++));
        return switch (words[0]) {
            case "statement" -> statement(line, words, conditions);
            case "query" -> query(line, words, conditions);
            case "hash-threshold" -> hashThreshold(line, words);
            case "halt" -> new SltRecord.Halt(line, conditions);
            default -> malformed(line, "unknown record '" + words[0] + "'");
        };
    }

    private SltRecord statement(int line, String[] words, List<Condition> conditions) {
        if (words.length < 2 || !(words[1].equals("ok") || words[1].equals("error"))) {
            return malformed(line, "expected 'statement ok' or 'statement error'");
        }
        String sql = String.join("\n", bodyUntil(false));
        if (sql.isBlank()) {
            return malformed(line, "statement without SQL");
        }
        return new SltRecord.Statement(line, conditions, words[1].equals("ok"), sql);
    }

    private SltRecord query(int line, String[] words, List<Condition> conditions) {
        if (words.length < 2 || !words[1].chars().allMatch(c -> TYPE_LETTERS.indexOf(c) >= 0)) {
            return malformed(line, "expected 'query <types>' with type letters I, R or T");
        }
        SortMode sortMode = SortMode.NOSORT;
        if (words.length >= 3) {
            var parsed = SortMode.parse(words[2]);
            if (parsed.isEmpty()) {
                return malformed(line, "unknown sort mode '" + words[2] + "'");
            }
            sortMode = parsed.get();
        }
        String label = words.length >= 4 ? words[3] : "";
        String sql = String.join("\n", bodyUntil(true));
        if (sql.isBlank()) {
            return malformed(line, "query without SQL");
        }
        List<String> expected = List.of();
        if (next < lines.size() && lines.get(next).strip().equals(RESULT_SEPARATOR)) {
            next++;
            expected = bodyUntil(false);
        }
        return new SltRecord.Query(line, conditions, words[1], sortMode, label, sql, Expected.fromLines(expected));
    }

    private SltRecord hashThreshold(int line, String[] words) {
        try {
            return new SltRecord.HashThreshold(line, Integer.parseInt(words.length > 1 ? words[1] : ""));
        } catch (IllegalArgumentException e) {
            return malformed(line, "expected 'hash-threshold <non-negative integer>'");
        }
    }

    /** The non-comment lines up to a blank line (or, for a query's SQL, up to {@code ----}). */
    private List<String> bodyUntil(boolean stopAtSeparator) {
        List<String> body = new ArrayList<>();
        while (next < lines.size() && !isBlank(lines.get(next))) {
            String text = lines.get(next);
            if (stopAtSeparator && text.strip().equals(RESULT_SEPARATOR)) {
                break;
            }
            if (!isComment(text)) {
                body.add(text);
            }
            next++;
        }
        return body;
    }

    /** Builds a malformed record and skips the rest of it, so parsing resumes at the next one. */
    private SltRecord malformed(int line, String message) {
        while (next < lines.size() && !isBlank(lines.get(next))) {
            next++;
        }
        return new SltRecord.Malformed(line, message);
    }

    private static boolean isBlank(String text) {
        return text.isBlank();
    }

    private static boolean isComment(String text) {
        return text.startsWith("#");
    }

    /** The whitespace-separated words of a command line; anything from a {@code #} on is a comment. */
    private static String[] words(String text) {
        int hash = text.indexOf('#');
        String command = hash > 0 ? text.substring(0, hash) : text;
        return command.strip().split("\\s+");
    }
}
