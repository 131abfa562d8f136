package io.tessera.sql.engine;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.sql.plan.AlterTablePlanner;
import io.tessera.sql.plan.AlterTablePlanner.Action;
import io.tessera.sql.plan.BoundStatement;
import io.tessera.sql.plan.Names;
import io.tessera.sql.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ALTER TABLE as Tessera supports it: ADD PRIMARY KEY, ADD [COLUMN], DROP [COLUMN], RENAME
 * [COLUMN] and RENAME TO, several comma-separated ADD/DROP actions in one statement. Other
 * actions (foreign keys, ALTER COLUMN, constraints other than the primary key) are 0A000.
 * JSqlParser's ALTER TABLE grammar is MySQL-flavoured, hence this small parser of our own.
 */
record AlterTableCommand(String sql, String table, boolean ifExists, List<Action> actions) {

    private static final Pattern HEAD = Pattern.compile(
            "(?is)^\\s*alter\\s+table\\s+(if\\s+exists\\s+)?(only\\s+)?((?:\"(?:[^\"]|\"\")+\"|[\\w$.]+))\\s*(.*)$");
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "(?is)^add\\s+(?:column\\s+)?(if\\s+not\\s+exists\\s+)?(.+)$");

    static AlterTableCommand parse(String sql) {
        Matcher m = HEAD.matcher(sql.strip());
        if (!m.matches() || m.group(4).isBlank()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        String table = Names.identifier(m.group(3).replaceFirst("^(?i)public\\.", ""));
        List<Action> actions = new ArrayList<>();
        for (String part : splitTopLevel(m.group(4))) {
            actions.add(action(part.strip()));
        }
        if (actions.size() > 1 && actions.stream().anyMatch(a -> a instanceof Action.RenameColumn || a instanceof Action.RenameTable)) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \",\"");
        }
        return new AlterTableCommand(sql, table, m.group(1) != null, List.copyOf(actions));
    }

    BoundStatement plan(Planner planner) {
        return new AlterTablePlanner(planner).plan(table, ifExists, actions);
    }

    private static Action action(String text) {
        List<String> t = Utility.tokens(text);
        if (t.isEmpty()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        String first = t.get(0).toLowerCase(Locale.ROOT);
        String second = t.size() > 1 ? t.get(1).toLowerCase(Locale.ROOT) : "";
        return switch (first) {
            case "add" -> second.equals("primary") || second.equals("constraint") || second.equals("foreign")
                    || second.equals("unique") || second.equals("check") || second.equals("exclude")
                    ? constraint(t) : addColumn(text);
            case "drop" -> dropColumn(t);
            case "rename" -> rename(t);
            default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... "
                    + first.toUpperCase(Locale.ROOT) + " " + second.toUpperCase(Locale.ROOT) + " is not supported");
        };
    }

    /** ADD [CONSTRAINT name] PRIMARY KEY (cols); any other constraint kind is refused. */
    private static Action constraint(List<String> t) {
        int i = 1;
        String name = null;
        if (t.get(i).equalsIgnoreCase("constraint")) {
            if (t.size() < 4) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
            }
            name = Names.identifier(t.get(i + 1));
            i += 2;
        }
        String kind = t.get(i).toLowerCase(Locale.ROOT);
        if (!kind.equals("primary")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... ADD " + (kind.equals("foreign") ? "FOREIGN KEY"
                    : kind.toUpperCase(Locale.ROOT)) + " is not supported");
        }
        if (i + 2 >= t.size() || !t.get(i + 1).equalsIgnoreCase("key") || !t.get(i + 2).equals("(")) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.get(Math.min(i + 1, t.size() - 1)) + "\"");
        }
        List<String> columns = new ArrayList<>();
        for (i += 3; i < t.size() && !t.get(i).equals(")"); i++) {
            if (!t.get(i).equals(",")) {
                columns.add(Names.identifier(t.get(i)));
            }
        }
        if (i >= t.size() || columns.isEmpty()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        if (i + 1 < t.size()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "primary key options (" + t.get(i + 1) + ") are not supported");
        }
        return new Action.AddPrimaryKey(name, List.copyOf(columns));
    }

    private static Action addColumn(String text) {
        Matcher m = ADD_COLUMN.matcher(text);
        if (!m.matches()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        return new Action.AddColumn(m.group(2).strip(), m.group(1) != null);
    }

    private static Action dropColumn(List<String> t) {
        int i = 1;
        if (i < t.size() && t.get(i).equalsIgnoreCase("constraint")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... DROP CONSTRAINT is not supported");
        }
        if (i < t.size() && t.get(i).equalsIgnoreCase("column")) {
            i++;
        }
        boolean ifExists = false;
        if (i + 1 < t.size() && t.get(i).equalsIgnoreCase("if") && t.get(i + 1).equalsIgnoreCase("exists")) {
            ifExists = true;
            i += 2;
        }
        if (i >= t.size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        String name = Names.identifier(t.get(i++));
        if (i < t.size() && t.get(i).equalsIgnoreCase("cascade")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... DROP COLUMN ... CASCADE is not supported");
        }
        if (i < t.size() && !t.get(i).equalsIgnoreCase("restrict")) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.get(i) + "\"");
        }
        return new Action.DropColumn(name, ifExists);
    }

    private static Action rename(List<String> t) {
        if (t.size() == 3 && t.get(1).equalsIgnoreCase("to")) {
            return new Action.RenameTable(Names.identifier(t.get(2).replaceFirst("^(?i)public\\.", "")));
        }
        if (t.size() > 1 && t.get(1).equalsIgnoreCase("constraint")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ... RENAME CONSTRAINT is not supported");
        }
        int i = t.size() > 1 && t.get(1).equalsIgnoreCase("column") ? 2 : 1;
        if (t.size() != i + 3 || !t.get(i + 1).equalsIgnoreCase("to")) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.get(t.size() - 1) + "\"");
        }
        return new Action.RenameColumn(Names.identifier(t.get(i)), Names.identifier(t.get(i + 2)));
    }

    /** Splits at commas outside parentheses and quotes. */
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
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
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
