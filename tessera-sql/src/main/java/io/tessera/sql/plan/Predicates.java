package io.tessera.sql.plan;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Boolean-valued expressions, with SQL's three-valued logic. Records so the planner can inspect them. */
final class Predicates {
    private Predicates() {}

    /** {@code left op right} on operands already converted to one type. */
    record Compare(String op, Expr left, Expr right) implements Expr {
        @Override public SqlType type() { return SqlType.BOOL; }

        @Override
        public Object eval(Env env) {
            Object a = left.eval(env);
            if (a == null) {
                return null;
            }
            Object b = right.eval(env);
            if (b == null) {
                return null;
            }
            return test(op, Values.compare(a, b));
        }
    }

    static boolean test(String op, int c) {
        return switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalStateException("comparison " + op);
        };
    }

    record And(List<Expr> terms) implements Expr {
        @Override public SqlType type() { return SqlType.BOOL; }

        @Override
        public Object eval(Env env) {
            boolean unknown = false;
            for (Expr t : terms) {
                Object v = t.eval(env);
                if (Boolean.FALSE.equals(v)) {
                    return false;
                }
                unknown |= v == null;
            }
            return unknown ? null : true;
        }
    }

    record Or(List<Expr> terms) implements Expr {
        @Override public SqlType type() { return SqlType.BOOL; }

        @Override
        public Object eval(Env env) {
            boolean unknown = false;
            for (Expr t : terms) {
                Object v = t.eval(env);
                if (Boolean.TRUE.equals(v)) {
                    return true;
                }
                unknown |= v == null;
            }
            return unknown ? null : false;
        }
    }

    record Not(Expr input) implements Expr {
        @Override public SqlType type() { return SqlType.BOOL; }

        @Override
        public Object eval(Env env) {
            Object v = input.eval(env);
            return v == null ? null : !(Boolean) v;
        }
    }

    /** {@code x [NOT] IN (a, b, ...)}: NULL when no match and any side is NULL. */
    record InList(Expr left, List<Expr> list, boolean negated) implements Expr {
        @Override public SqlType type() { return SqlType.BOOL; }

        @Override
        public Object eval(Env env) {
            Object a = left.eval(env);
            if (a == null) {
                return null;
            }
            boolean sawNull = false;
            for (Expr e : list) {
                Object b = e.eval(env);
                if (b == null) {
                    sawNull = true;
                } else if (Values.compare(a, b) == 0) {
                    return !negated;
                }
            }
            return sawNull ? null : negated;
        }
    }

    /** {@code x op ANY/ALL (values)} over a list computed at run time (array or subquery). */
    static Object quantified(Object a, String op, boolean all, Iterable<?> values) {
        if (a == null) {
            return null;
        }
        boolean sawNull = false;
        for (Object b : values) {
            if (b == null) {
                sawNull = true;
                continue;
            }
            boolean r = test(op, Values.compare(a, b));
            if (all && !r) {
                return false;
            }
            if (!all && r) {
                return true;
            }
        }
        return sawNull ? null : all;
    }

    /** LIKE/ILIKE pattern to a regular expression; {@code escape} null means backslash. */
    static Pattern likePattern(String pattern, String escape, boolean caseInsensitive) {
        char esc = escape == null ? '\\' : escape.isEmpty() ? 0 : escape.charAt(0);
        if (escape != null && escape.length() > 1) {
            throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string")
                    .withHint("Escape string must be empty or one character.");
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (esc != 0 && c == esc) {
                if (i + 1 >= pattern.length()) {
                    throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
                }
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(re.toString(), flags);
    }

    static Pattern regex(String pattern, boolean caseInsensitive) {
        try {
            return Pattern.compile(pattern, caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw new SqlException("2201B", "invalid regular expression: " + e.getDescription());
        }
    }
}
