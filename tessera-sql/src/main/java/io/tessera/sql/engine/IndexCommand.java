package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.sql.plan.BoundStatement;
import io.tessera.sql.plan.IndexDdl;
import io.tessera.sql.plan.Names;
import io.tessera.sql.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * CREATE INDEX and DROP INDEX as Tessera supports them, parsed here because JSqlParser's CREATE
 * INDEX knows neither IF NOT EXISTS in every position nor INCLUDE:
 * <pre>
 * CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING btree|hash]
 *     ({column | (expression) | function(...)} [ASC] [NULLS LAST], ...) [INCLUDE (column, ...)]
 * DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...] [RESTRICT]
 * </pre>
 * An expression key part is cut out of the statement's text as written (the tokens lose spacing
 * that operators such as {@code ->>} need) and checked by {@code IndexDdl}. DESC, NULLS FIRST, WHERE
 * (partial indexes), WITH and TABLESPACE are 0A000.
 */
sealed interface IndexCommand {

    /** @param planner binds expression key parts (CREATE INDEX) */
    BoundStatement plan(Planner planner, Consumer<String> notices);

    /**
     * @param ascendingOnly some key part asked for DESC or NULLS FIRST: entries are kept in
     *     ascending order with NULLs last all the same (lookups and ranges read them alike; an
     *     ORDER BY the stored order does not give is sorted), which a notice says
     */
    record Create(String name, String table, List<IndexDdl.KeyPart> parts, List<String> include, boolean unique,
            boolean ifNotExists, boolean ascendingOnly) implements IndexCommand {
        @Override
        public BoundStatement plan(Planner planner, Consumer<String> notices) {
            if (ascendingOnly) {
                notices.accept("index entries are kept in ascending order with NULLs last: DESC and NULLS FIRST"
                        + " change no lookup, and an ORDER BY in another order is sorted");
            }
            return IndexDdl.create(planner, name, table, parts, include, unique, ifNotExists, notices);
        }
    }

    record Drop(List<String> names, boolean ifExists) implements IndexCommand {
        @Override
        public BoundStatement plan(Planner planner, Consumer<String> notices) {
            return IndexDdl.drop(names, ifExists, notices);
        }
    }

    /** Whether {@code t} (tokens) is CREATE [UNIQUE] INDEX or DROP INDEX. */
    static boolean matches(List<String> t) {
        int i = t.size() > 1 && t.get(1).equalsIgnoreCase("unique") ? 2 : 1;
        return t.size() > i && t.get(i).equalsIgnoreCase("index")
                && (t.get(0).equalsIgnoreCase("create") || t.get(0).equalsIgnoreCase("drop") && i == 1);
    }

    /** @param sql the statement, whose text expression key parts are cut from */
    static IndexCommand parse(List<String> t, String sql) {
        return t.get(0).equalsIgnoreCase("drop") ? parseDrop(new Cursor(t, 2)) : parseCreate(t, sql);
    }

    private static IndexCommand parseCreate(List<String> t, String sql) {
        boolean unique = t.get(1).equalsIgnoreCase("unique");
        Cursor c = new Cursor(t, unique ? 3 : 2);
        c.accept("concurrently");
        boolean ifNotExists = c.accept("if");
        if (ifNotExists) {
            c.expect("not");
            c.expect("exists");
        }
        String name = c.peekIs("on") && !ifNotExists ? null : Names.identifier(c.next());
        c.expect("on");
        c.accept("only");
        String table = Names.identifier(c.next().replaceFirst("^(?i)public\\.", ""));
        if (c.accept("using")) {
            String method = c.next().toLowerCase(Locale.ROOT);
            if (!method.equals("btree") && !method.equals("hash")) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "index access method \"" + method + "\" is not supported");
            }
        }
        String text = Utility.stripped(sql);
        boolean[] ascendingOnly = {false};
        List<IndexDdl.KeyPart> parts = keyParts(c, text, Utility.tokenSpans(text), ascendingOnly);
        List<String> include = c.accept("include") ? includeList(c) : List.of();
        if (c.hasNext()) {
            String word = c.next().toLowerCase(Locale.ROOT);
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, switch (word) {
                case "where" -> "partial indexes (CREATE INDEX ... WHERE) are not supported";
                case "with", "tablespace" -> "CREATE INDEX ... " + word.toUpperCase(Locale.ROOT) + " is not supported";
                case "nulls" -> "NULLS [NOT] DISTINCT is not supported";
                default -> "syntax error at or near \"" + word + "\"";
            });
        }
        return new Create(name, table, parts, include, unique, ifNotExists, ascendingOnly[0]);
    }

    /**
     * {@code (a [ASC | DESC] [NULLS FIRST | LAST], (expression), function(...), ...)}; sets
     * {@code ascendingOnly[0]} when a part asks for an order other than ascending, NULLs last.
     */
    private static List<IndexDdl.KeyPart> keyParts(Cursor c, String text, List<Utility.Token> spans, boolean[] ascendingOnly) {
        c.expect("(");
        List<IndexDdl.KeyPart> parts = new ArrayList<>();
        while (true) {
            parts.add(keyPart(c, text, spans));
            boolean descending = !c.accept("asc") && c.accept("desc");
            boolean nullsFirst = false;
            if (c.accept("nulls")) {
                nullsFirst = c.accept("first");
                if (!nullsFirst) {
                    c.expect("last");
                }
            }
            ascendingOnly[0] |= descending || nullsFirst;
            if (c.accept(")")) {
                return parts;
            }
            c.expect(",");
        }
    }

    /** A column, a parenthesized expression (its text inside the parentheses), or a function call (its whole text). */
    private static IndexDdl.KeyPart keyPart(Cursor c, String text, List<Utility.Token> spans) {
        if (c.peekIs("(")) {
            int open = c.position();
            int close = closing(spans, open);
            c.skipTo(close + 1);
            return IndexDdl.KeyPart.expression(text.substring(spans.get(open).end(), spans.get(close).start()).strip());
        }
        int word = c.position();
        String name = c.next();
        if (c.peekIs("(")) {
            int close = closing(spans, c.position());
            c.skipTo(close + 1);
            return IndexDdl.KeyPart.expression(text.substring(spans.get(word).start(), spans.get(close).end()));
        }
        return IndexDdl.KeyPart.column(Names.identifier(name));
    }

    /** The index of the token that closes the parenthesis opened at token {@code open}. */
    private static int closing(List<Utility.Token> spans, int open) {
        int depth = 0;
        for (int i = open; i < spans.size(); i++) {
            String t = spans.get(i).text();
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")") && --depth == 0) {
                return i;
            }
        }
        throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
    }

    /** {@code INCLUDE (a, b, ...)}: columns only, as in PostgreSQL. */
    private static List<String> includeList(Cursor c) {
        c.expect("(");
        List<String> columns = new ArrayList<>();
        while (true) {
            if (c.peekIs("(")) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "expressions are not supported in included columns");
            }
            columns.add(Names.identifier(c.next()));
            if (c.accept(")")) {
                return columns;
            }
            c.expect(",");
        }
    }

    private static IndexCommand parseDrop(Cursor c) {
        c.accept("concurrently");
        boolean ifExists = c.accept("if");
        if (ifExists) {
            c.expect("exists");
        }
        List<String> names = new ArrayList<>();
        while (true) {
            names.add(Names.identifier(c.next().replaceFirst("^(?i)public\\.", "")));
            if (!c.accept(",")) {
                break;
            }
        }
        if (c.accept("cascade")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "DROP INDEX ... CASCADE is not supported");
        }
        c.accept("restrict");
        if (c.hasNext()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + c.next() + "\"");
        }
        return new Drop(List.copyOf(names), ifExists);
    }

    /** Walks the tokens; keyword tests ignore case. */
    final class Cursor {
        private final List<String> tokens;
        private int i;

        Cursor(List<String> tokens, int start) {
            this.tokens = tokens;
            this.i = start;
        }

        boolean hasNext() { return i < tokens.size(); }

        /** The index of the next token. */
        int position() { return i; }

        /** Continues at token {@code next}. */
        void skipTo(int next) { i = next; }

        boolean peekIs(String word) { return i < tokens.size() && tokens.get(i).equalsIgnoreCase(word); }

        String next() {
            if (i >= tokens.size()) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
            }
            return tokens.get(i++);
        }

        boolean accept(String word) {
            if (peekIs(word)) {
                i++;
                return true;
            }
            return false;
        }

        void expect(String word) {
            if (!accept(word)) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \""
                        + (hasNext() ? tokens.get(i) : "end of input") + "\"");
            }
        }
    }
}
