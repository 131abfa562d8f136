package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.sql.plan.BoundStatement;
import io.tessera.sql.plan.IndexDdl;
import io.tessera.sql.plan.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * CREATE INDEX and DROP INDEX as Tessera supports them, parsed here because JSqlParser's CREATE
 * INDEX knows neither IF NOT EXISTS in every position nor INCLUDE:
 * <pre>
 * CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING btree|hash]
 *     (column [ASC] [NULLS LAST], ...) [INCLUDE (column, ...)]
 * DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...] [RESTRICT]
 * </pre>
 * Expression columns, DESC, NULLS FIRST, WHERE (partial indexes), WITH and TABLESPACE are 0A000.
 */
sealed interface IndexCommand {

    BoundStatement plan(Consumer<String> notices);

    record Create(String name, String table, List<String> columns, List<String> include, boolean unique,
            boolean ifNotExists) implements IndexCommand {
        @Override
        public BoundStatement plan(Consumer<String> notices) {
            return IndexDdl.create(name, table, columns, include, unique, ifNotExists, notices);
        }
    }

    record Drop(List<String> names, boolean ifExists) implements IndexCommand {
        @Override
        public BoundStatement plan(Consumer<String> notices) {
            return IndexDdl.drop(names, ifExists, notices);
        }
    }

    /** Whether {@code t} (tokens) is CREATE [UNIQUE] INDEX or DROP INDEX. */
    static boolean matches(List<String> t) {
        int i = t.size() > 1 && t.get(1).equalsIgnoreCase("unique") ? 2 : 1;
        return t.size() > i && t.get(i).equalsIgnoreCase("index")
                && (t.get(0).equalsIgnoreCase("create") || t.get(0).equalsIgnoreCase("drop") && i == 1);
    }

    static IndexCommand parse(List<String> t) {
        return t.get(0).equalsIgnoreCase("drop") ? parseDrop(new Cursor(t, 2)) : parseCreate(t);
    }

    private static IndexCommand parseCreate(List<String> t) {
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
        List<String> columns = columnList(c, true);
        List<String> include = c.accept("include") ? columnList(c, false) : List.of();
        if (c.hasNext()) {
            String word = c.next().toLowerCase(Locale.ROOT);
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, switch (word) {
                case "where" -> "partial indexes (CREATE INDEX ... WHERE) are not supported";
                case "with", "tablespace" -> "CREATE INDEX ... " + word.toUpperCase(Locale.ROOT) + " is not supported";
                case "nulls" -> "NULLS [NOT] DISTINCT is not supported";
                default -> "syntax error at or near \"" + word + "\"";
            });
        }
        return new Create(name, table, columns, include, unique, ifNotExists);
    }

    /** {@code (a [ASC] [NULLS LAST], b, ...)}; an expression is 0A000. */
    private static List<String> columnList(Cursor c, boolean key) {
        c.expect("(");
        List<String> columns = new ArrayList<>();
        while (true) {
            if (c.peekIs("(")) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "indexes on expressions are not supported");
            }
            columns.add(Names.identifier(c.next()));
            if (c.peekIs("(")) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "indexes on expressions are not supported");
            }
            if (key) {
                c.accept("asc");
                if (c.peekIs("desc")) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "descending index columns are not supported");
                }
                if (c.accept("nulls") && !c.accept("last")) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "NULLS FIRST index columns are not supported");
                }
            }
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
