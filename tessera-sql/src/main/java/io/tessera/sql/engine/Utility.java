package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.sql.plan.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The front dispatcher for statements JSqlParser does not parse (or parses differently from
 * PostgreSQL): transaction control, SET/SHOW/RESET, DISCARD, DEALLOCATE, VACUUM, ANALYZE, COPY,
 * DROP TABLE with several names and TRUNCATE. Anything else goes to JSqlParser.
 */
sealed interface Utility {

    /** BEGIN and START TRANSACTION, with the modes given ({@link TransactionModes#NONE} when none). */
    record Begin(TransactionModes modes) implements Utility {}

    /** COMMIT and END; {@code rollback} for ROLLBACK and ABORT. */
    record End(boolean rollback) implements Utility {}

    /** {@code value} null means DEFAULT. */
    record Set(String name, String value, boolean local) implements Utility {}

    record Reset(String name) implements Utility {}

    /** {@code name} "all" for SHOW ALL. */
    record Show(String name) implements Utility {}

    record NoOp(String tag) implements Utility {}

    record DiscardAll() implements Utility {}

    record Unsupported(String feature) implements Utility {}

    record DropTables(List<String> names, boolean ifExists) implements Utility {}

    record Truncate(List<String> names) implements Utility {}

    record DropViews(List<String> names, boolean ifExists) implements Utility {}

    /** COPY FROM STDIN / TO STDOUT. */
    record Copy(CopyCommand command) implements Utility {}

    /** CREATE INDEX and DROP INDEX. */
    record Index(IndexCommand command) implements Utility {}

    /** ANALYZE of these tables (all user tables when empty). */
    record Analyze(List<String> tables) implements Utility {}

    /** ALTER TABLE with the actions Tessera supports. */
    record AlterTable(AlterTableCommand command) implements Utility {}

    /** The utility statement {@code sql} is, or null when it is for the SQL parser. */
    static Utility parse(String sql) {
        List<String> t = tokens(sql);
        if (t.isEmpty()) {
            return null;
        }
        String first = t.get(0).toLowerCase(Locale.ROOT);
        return switch (first) {
            case "begin" -> new Begin(TransactionModes.parse(t, t.size() > 1
                    && (t.get(1).equalsIgnoreCase("transaction") || t.get(1).equalsIgnoreCase("work")) ? 2 : 1));
            case "start" -> t.size() > 1 && t.get(1).equalsIgnoreCase("transaction")
                    ? new Begin(TransactionModes.parse(t, 2)) : null;
            case "commit", "end" -> isTwoPhase(t) ? new Unsupported("two-phase commit") : new End(false);
            case "rollback", "abort" -> rollback(t);
            case "savepoint", "release" -> new Unsupported("SAVEPOINT");
            case "set" -> set(t);
            case "reset" -> reset(t);
            case "show" -> show(t);
            case "discard" -> new DiscardAll();
            case "deallocate" -> new NoOp(t.size() > 1 && t.get(t.size() - 1).equalsIgnoreCase("all") ? "DEALLOCATE ALL" : "DEALLOCATE");
            case "vacuum" -> new NoOp("VACUUM");
            case "analyze", "analyse" -> analyze(t);
            case "checkpoint" -> new NoOp("CHECKPOINT");
            case "copy" -> new Copy(CopyCommand.parse(sql));
            case "listen", "unlisten", "notify" -> new Unsupported(first.toUpperCase(Locale.ROOT));
            case "prepare", "execute" -> t.size() > 1 && t.get(1).equalsIgnoreCase("transaction")
                    ? new Unsupported("two-phase commit") : new Unsupported("SQL-level " + first.toUpperCase(Locale.ROOT));
            case "drop" -> IndexCommand.matches(t) ? new Index(IndexCommand.parse(t, sql))
                    : t.size() > 1 && t.get(1).equalsIgnoreCase("table") ? drop(t)
                    : t.size() > 1 && t.get(1).equalsIgnoreCase("view") ? dropViews(t) : unsupportedObject(t);
            case "create" -> IndexCommand.matches(t) ? new Index(IndexCommand.parse(t, sql)) : unsupportedObject(t);
            case "alter" -> t.size() > 1 && t.get(1).equalsIgnoreCase("table") ? new AlterTable(AlterTableCommand.parse(sql))
                    : unsupportedObject(t);
            case "truncate" -> truncate(t);
            case "reindex", "cluster", "lock", "grant", "revoke", "comment", "call", "do", "refresh", "security",
                    "import", "load", "reassign", "fetch", "move", "declare", "close" ->
                    new Unsupported(first.toUpperCase(Locale.ROOT));
            default -> null;
        };
    }

    /**
     * Object kinds Tessera does not have. The parser rejects most of them (SQLite's trigger syntax
     * in particular) with a syntax error, which would tell the user the statement is wrong when it
     * is Tessera that lacks the feature: they are named here with 0A000 instead.
     */
    java.util.Set<String> UNSUPPORTED_OBJECTS = java.util.Set.of("trigger", "function",
            "procedure", "extension", "type", "domain", "rule", "policy", "schema", "database", "role", "user",
            "group", "materialized", "publication", "subscription", "aggregate", "operator", "cast", "language",
            "event", "tablespace", "server", "foreign", "collation", "conversion", "statistics", "transform",
            "access", "text", "routine", "owned");

    private static Utility unsupportedObject(List<String> t) {
        int i = 1;
        while (i < t.size() && List.of("or", "replace", "temp", "temporary", "constraint", "unique", "if", "exists")
                .contains(t.get(i).toLowerCase(Locale.ROOT))) {
            i++;
        }
        if (i >= t.size() || !UNSUPPORTED_OBJECTS.contains(t.get(i).toLowerCase(Locale.ROOT))) {
            return null;
        }
        return new Unsupported(t.get(0).toUpperCase(Locale.ROOT) + " " + t.get(i).toUpperCase(Locale.ROOT));
    }

    private static boolean isTwoPhase(List<String> t) {
        return t.size() > 1 && t.get(1).equalsIgnoreCase("prepared");
    }

    private static Utility rollback(List<String> t) {
        if (t.size() > 1 && (t.get(1).equalsIgnoreCase("to") || t.size() > 2 && t.get(2).equalsIgnoreCase("to"))) {
            return new Unsupported("ROLLBACK TO SAVEPOINT");
        }
        return isTwoPhase(t) ? new Unsupported("two-phase commit") : new End(true);
    }

    private static Utility set(List<String> t) {
        int i = 1;
        boolean local = false;
        if (i < t.size() && (t.get(i).equalsIgnoreCase("session") || t.get(i).equalsIgnoreCase("local"))) {
            local = t.get(i).equalsIgnoreCase("local");
            i++;
            if (!local && i < t.size() && t.get(i).equalsIgnoreCase("characteristics")) {
                return sessionCharacteristics(t, i + 1);
            }
            if (!local && i < t.size() && t.get(i).equalsIgnoreCase("authorization")) {
                return new Unsupported("SET SESSION AUTHORIZATION");
            }
        }
        if (i >= t.size()) {
            throw syntax(t);
        }
        String name = t.get(i).toLowerCase(Locale.ROOT);
        if (name.equals("transaction")) {
            return setTransaction(t, i + 1);
        }
        if (name.equals("role")) {
            return new Unsupported("SET ROLE");
        }
        if (name.equals("time") && i + 1 < t.size() && t.get(i + 1).equalsIgnoreCase("zone")) {
            String v = value(t.subList(i + 2, t.size()));
            return new Set("TimeZone", v == null || v.equalsIgnoreCase("local") ? null : v, local);
        }
        if (name.equals("names")) {
            return new Set("client_encoding", value(t.subList(i + 1, t.size())), local);
        }
        i++;
        if (i < t.size() && (t.get(i).equals("=") || t.get(i).equalsIgnoreCase("to"))) {
            i++;
        } else {
            throw syntax(t);
        }
        String parameter = Names.identifier(t.get(i - 2));
        // Transaction-scoped: a plain SET of them is SET LOCAL, with no effect outside a block as in PostgreSQL.
        return new Set(parameter, value(t.subList(i, t.size())), local || Settings.isTransactionScoped(parameter));
    }

    /**
     * {@code SET TRANSACTION modes}: the current transaction's settings (undone at its end, and of
     * no effect outside a transaction block). One mode is a SET LOCAL of its parameter; several
     * go as one composite setting, {@link Settings#TRANSACTION_MODES}.
     */
    private static Utility setTransaction(List<String> t, int i) {
        if (i < t.size() && t.get(i).equalsIgnoreCase("snapshot")) {
            return new Unsupported("SET TRANSACTION SNAPSHOT");
        }
        return modesSetting(TransactionModes.parse(t, i), Settings.TRANSACTION_MODES, "transaction_", true);
    }

    /** {@code SET SESSION CHARACTERISTICS AS TRANSACTION modes}: the defaults of later transactions. */
    private static Utility sessionCharacteristics(List<String> t, int i) {
        if (i + 1 >= t.size() || !t.get(i).equalsIgnoreCase("as") || !t.get(i + 1).equalsIgnoreCase("transaction")) {
            throw syntax(t);
        }
        return modesSetting(TransactionModes.parse(t, i + 2), Settings.DEFAULT_TRANSACTION_MODES,
                "default_transaction_", false);
    }

    private static Utility modesSetting(TransactionModes m, String composite, String prefix, boolean local) {
        if (m.count() == 0) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        if (m.count() > 1) {
            return new Set(composite, m.toSql(), local);
        }
        if (m.isolation() != null) {
            return new Set(prefix + "isolation", m.isolation(), local);
        }
        if (m.readOnly() != null) {
            return new Set(prefix + "read_only", m.readOnly() ? "on" : "off", local);
        }
        return new Set(prefix + "deferrable", m.deferrable() ? "on" : "off", local);
    }

    /** The text of a setting's value: items joined with ", ", quotes removed; null for DEFAULT. */
    private static String value(List<String> t) {
        List<String> items = new ArrayList<>();
        for (String s : t) {
            if (s.equals(",")) {
                continue;
            }
            items.add(s.startsWith("'") ? s.substring(1, s.length() - 1).replace("''", "'") : s);
        }
        if (items.isEmpty()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        if (items.size() == 1 && t.get(0).equalsIgnoreCase("default")) {
            return null;
        }
        return String.join(", ", items);
    }

    private static Utility reset(List<String> t) {
        if (t.size() < 2) {
            throw syntax(t);
        }
        String name = t.get(1).toLowerCase(Locale.ROOT);
        if (name.equals("time") && t.size() > 2) {
            return new Reset("TimeZone");
        }
        if (name.equals("session") && t.size() > 2) {
            return new NoOp("RESET");
        }
        return new Reset(Names.identifier(t.get(1)));
    }

    private static Utility show(List<String> t) {
        if (t.size() < 2) {
            throw syntax(t);
        }
        String name = t.get(1).toLowerCase(Locale.ROOT);
        if (name.equals("transaction") && t.size() > 2 && t.get(2).equalsIgnoreCase("isolation")) {
            return new Show("transaction_isolation");
        }
        if (name.equals("time") && t.size() > 2) {
            return new Show("timezone");
        }
        if (name.equals("session") && t.size() > 2) {
            return new Show("session_authorization");
        }
        return new Show(Names.identifier(t.get(1)));
    }

    private static Utility drop(List<String> t) {
        int i = 2;
        boolean ifExists = false;
        if (i + 1 < t.size() && t.get(i).equalsIgnoreCase("if") && t.get(i + 1).equalsIgnoreCase("exists")) {
            ifExists = true;
            i += 2;
        }
        return new DropTables(names(t, i, true), ifExists);
    }

    private static Utility dropViews(List<String> t) {
        DropTables d = (DropTables) drop(t);
        return new DropViews(d.names(), d.ifExists());
    }

    /**
     * {@code ANALYZE [VERBOSE] [(options)] [table [(columns)] [, ...]]}. Column lists are accepted
     * and the whole table analyzed: the rows are read once either way.
     */
    private static Utility analyze(List<String> t) {
        List<String> names = new ArrayList<>();
        int depth = 0;
        for (int i = 1; i < t.size(); i++) {
            String s = t.get(i);
            if (s.equals("(")) {
                depth++;
            } else if (s.equals(")")) {
                depth--;
            } else if (depth == 0 && !s.equals(",") && !(names.isEmpty() && s.equalsIgnoreCase("verbose"))) {
                names.add(Names.identifier(s.replaceFirst("^(?i)public\\.", "")));
            }
        }
        return new Analyze(names);
    }

    private static Utility truncate(List<String> t) {
        int i = 1;
        if (i < t.size() && t.get(i).equalsIgnoreCase("table")) {
            i++;
        }
        if (i < t.size() && t.get(i).equalsIgnoreCase("only")) {
            i++;
        }
        return new Truncate(names(t, i, false));
    }

    /** Comma-separated table names, then optional CASCADE/RESTRICT (and RESTART/CONTINUE IDENTITY). */
    private static List<String> names(List<String> t, int i, boolean drop) {
        List<String> names = new ArrayList<>();
        while (i < t.size()) {
            String s = t.get(i);
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.equals("cascade")) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, (drop ? "DROP" : "TRUNCATE") + " ... CASCADE is not supported");
            }
            if (lower.equals("restart")) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "TRUNCATE ... RESTART IDENTITY is not supported");
            }
            if (lower.equals("restrict") || lower.equals("continue") || lower.equals("identity")) {
                i++;
                continue;
            }
            if (!s.equals(",")) {
                String n = s.replaceFirst("^(?i)public\\.", "");
                names.add(Names.identifier(n));
            }
            i++;
        }
        if (names.isEmpty()) {
            throw syntax(t);
        }
        return names;
    }

    private static SqlException syntax(List<String> t) {
        return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.get(t.size() - 1) + "\"");
    }

    /** Words, quoted identifiers, 'strings' (quotes kept), numbers and single punctuation characters. */
    static List<String> tokens(String sql) {
        return new ArrayList<>(tokenSpans(stripped(sql)).stream().map(Token::text).toList());
    }

    /** A token of {@link #tokenSpans} and where it lies in the text it was read from. */
    record Token(String text, int start, int end) {}

    /** The statement as {@link #tokens} reads it: comments stripped, outer whitespace trimmed. */
    static String stripped(String sql) {
        return StatementSplitter.stripComments(sql).strip();
    }

    /** The tokens of {@code s} (already {@link #stripped}) with their offsets in it. */
    static List<Token> tokenSpans(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < s.length()) {
                    if (s.charAt(j) == c) {
                        if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                int end = Math.min(j + 1, s.length());
                out.add(new Token(s.substring(i, end), i, end));
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-' || c == '+' || c == '/' || c == ':') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || "_$.-+/:".indexOf(s.charAt(j)) >= 0)) {
                    j++;
                }
                out.add(new Token(s.substring(i, j), i, j));
                i = j;
            } else {
                out.add(new Token(String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return out;
    }
}
