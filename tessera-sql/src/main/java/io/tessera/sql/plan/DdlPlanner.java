package io.tessera.sql.plan;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.CheckConstraint;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.cluster.api.ViewDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.view.CreateView;

/**
 * CREATE TABLE, DROP TABLE and TRUNCATE. A table without a primary key gets a hidden BIGINT
 * column {@link #ROW_ID_COLUMN} as its key, filled from a hybrid-clock based unique id.
 */
public final class DdlPlanner {
    /** The hidden key column of a table declared without a primary key. */
    public static final String ROW_ID_COLUMN = "tessera_rowid";

    /** {@code WITH (fragments = N)} unsaid: the catalog's default for the cluster's size. */
    private static final int FRAGMENTS_UNSAID = 0;

    /** More fragments than this for one table is refused: each is a Raft group. */
    public static final int MAX_FRAGMENTS = 256;

    private static final Pattern FRAGMENTS = Pattern.compile("fragments\\s*=\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPLICAS = Pattern.compile("replicas\\s*=\\s*('?)(\\w+)\\1", Pattern.CASE_INSENSITIVE);
    /** More replicas than this is refused outright (each is a copy on its own node). */
    public static final int MAX_REPLICAS = 7;

    /** CREATE VIEW's query as the user wrote it: everything after the view name, its columns and AS. */
    private static final Pattern VIEW_QUERY = Pattern.compile("(?is)^\\s*create\\s+(?:or\\s+replace\\s+)?view\\s+"
            + "(?:\"[^\"]*\"|[^\\s(]+)(?:\\s*\\([^)]*\\))?\\s*as\\s+(.*)$");

    private final Planner planner;
    /** CHECK constraints met while reading CREATE TABLE, named and bound once all columns are known. */
    private final List<CheckPlan> checks = new ArrayList<>();

    /** A CHECK as declared: its CONSTRAINT name or null, the column it was declared on or null. */
    private record CheckPlan(String declaredName, String column, net.sf.jsqlparser.expression.Expression expression) {}

    public DdlPlanner(Planner planner) {
        this.planner = planner;
    }

    /** Column definitions collected from CREATE TABLE before the catalog assigns ids. */
    private record ColumnPlan(String name, SqlType type, boolean notNull, String defaultExpression, String serialSequence) {}

    public BoundStatement planCreateTable(CreateTable ct) {
        String name = Names.identifier(ct.getTable().getName());
        if (ct.getTable().getSchemaName() != null && !Names.identifier(ct.getTable().getSchemaName()).equals("public")) {
            throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + ct.getTable().getSchemaName() + "\" does not exist");
        }
        if (ct.getColumnDefinitions() == null) {
            throw Errors.unsupported("CREATE TABLE without column definitions");
        }
        List<ColumnPlan> columns = new ArrayList<>();
        List<Integer> primaryKey = new ArrayList<>();
        for (ColumnDefinition cd : ct.getColumnDefinitions()) {
            columns.add(column(name, cd, columns, primaryKey));
        }
        tableConstraints(ct, columns, primaryKey);
        List<CheckConstraint> checkConstraints = namedChecks(name, columns);
        int fragments = fragments(ct.getTableOptionsStrings());
        int replicas = replicas(ct.getTableOptionsStrings());
        boolean ifNotExists = ct.isIfNotExists();
        return new CreateTableStatement(name, columns, primaryKey, fragments, replicas, ifNotExists, checkConstraints);
    }

    private ColumnPlan column(String table, ColumnDefinition cd, List<ColumnPlan> previous, List<Integer> primaryKey) {
        String name = Names.identifier(cd.getColumnName());
        for (ColumnPlan p : previous) {
            if (p.name().equals(name)) {
                throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once");
            }
        }
        String typeName = cd.getColDataType().getDataType().toLowerCase(Locale.ROOT).trim();
        boolean serial = typeName.matches("(small|big)?serial[248]?");
        SqlType type = Types.parse(typeName, cd.getColDataType().getArgumentsStringList());
        if (cd.getColDataType().getArrayData() != null && !cd.getColDataType().getArrayData().isEmpty()) {
            throw Errors.unsupported("array columns");
        }
        boolean notNull = serial;
        String def = null;
        String sequence = null;
        if (serial) {
            sequence = table + "_" + name + "_seq";
            def = "nextval('" + sequence + "'::regclass)";
        }
        List<String> specs = cd.getColumnSpecs() == null ? List.of() : cd.getColumnSpecs();
        String constraintName = null;
        for (int i = 0; i < specs.size(); i++) {
            String s = specs.get(i).toUpperCase(Locale.ROOT);
            switch (s) {
                case "NOT" -> {
                    expect(specs, ++i, "NULL");
                    notNull = true;
                }
                case "NULL" -> notNull = false;
                case "PRIMARY" -> {
                    expect(specs, ++i, "KEY");
                    if (!primaryKey.isEmpty()) {
                        throw multiplePrimaryKeys(table);
                    }
                    primaryKey.add(previous.size());
                    notNull = true;
                }
                case "DEFAULT" -> {
                    StringBuilder expr = new StringBuilder();
                    while (i + 1 < specs.size() && !isSpecKeyword(specs.get(i + 1))) {
                        expr.append(expr.isEmpty() ? "" : " ").append(specs.get(++i));
                    }
                    def = expr.toString();
                    checkDefault(def, type, name);
                }
                case "UNIQUE" -> throw Errors.unsupported("UNIQUE constraints");
                case "REFERENCES" -> throw Errors.unsupported("FOREIGN KEY constraints");
                case "CHECK" -> {
                    checks.add(new CheckPlan(constraintName, name, checkExpression(specs, ++i)));
                    constraintName = null;
                }
                case "CONSTRAINT" -> constraintName = i + 1 < specs.size() ? Names.identifier(specs.get(++i)) : null;
                case "COLLATE" -> i++;
                default -> throw Errors.unsupported("column option " + specs.get(i));
            }
        }
        return new ColumnPlan(name, type, notNull, def, sequence);
    }

    /**
     * One column definition as ALTER TABLE ... ADD COLUMN writes it ({@code name type [DEFAULT e]
     * [NOT NULL]}), with the given column id. SERIAL and inline constraints other than NOT NULL
     * are refused (0A000): they would need a sequence or an index the table does not have yet.
     */
    public ColumnDescriptor columnDefinition(String table, String definition, int id) {
        CreateTable ct;
        try {
            ct = (CreateTable) net.sf.jsqlparser.parser.CCJSqlParserUtil.parse("CREATE TABLE t (" + definition + ")");
        } catch (net.sf.jsqlparser.JSQLParserException | ClassCastException e) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error in column definition: " + definition);
        }
        if (ct.getColumnDefinitions() == null || ct.getColumnDefinitions().size() != 1
                || ct.getIndexes() != null && !ct.getIndexes().isEmpty()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error in column definition: " + definition);
        }
        List<Integer> key = new ArrayList<>();
        ColumnPlan c = column(table, ct.getColumnDefinitions().get(0), new ArrayList<>(), key);
        if (!key.isEmpty()) {
            throw Errors.unsupported("ADD COLUMN ... PRIMARY KEY");
        }
        if (c.serialSequence() != null) {
            throw Errors.unsupported("ADD COLUMN of a serial type");
        }
        return new ColumnDescriptor(id, c.name(), c.type(), c.notNull(), c.defaultExpression(), false);
    }

    private static boolean isSpecKeyword(String s) {
        return List.of("NOT", "NULL", "PRIMARY", "DEFAULT", "UNIQUE", "REFERENCES", "CHECK", "CONSTRAINT", "COLLATE")
                .contains(s.toUpperCase(Locale.ROOT));
    }

    /** Binds a DEFAULT once at CREATE time, so that a bad one fails the CREATE and not every INSERT. */
    private void checkDefault(String def, SqlType type, String column) {
        ColumnDescriptor probe = new ColumnDescriptor(0, column, type, false, def, false);
        new DmlPlanner(planner).defaultOf(probe);
    }

    private static void expect(List<String> specs, int i, String word) {
        if (i >= specs.size() || !specs.get(i).equalsIgnoreCase(word)) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error in column definition near " + String.join(" ", specs));
        }
    }

    private static SqlException multiplePrimaryKeys(String table) {
        return new SqlException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \"" + table + "\" are not allowed");
    }

    private void tableConstraints(CreateTable ct, List<ColumnPlan> columns, List<Integer> primaryKey) {
        if (ct.getIndexes() == null) {
            return;
        }
        for (Index idx : ct.getIndexes()) {
            String type = idx.getType() == null ? "" : idx.getType().toUpperCase(Locale.ROOT);
            if (idx instanceof net.sf.jsqlparser.statement.create.table.CheckConstraint check) {
                checks.add(new CheckPlan(check.getName() == null ? null : Names.identifier(check.getName()), null,
                        check.getExpression()));
                continue;
            }
            if (!type.equals("PRIMARY KEY")) {
                throw Errors.unsupported(type.isEmpty() ? "table constraint " + idx : type + " constraints");
            }
            if (!primaryKey.isEmpty()) {
                throw multiplePrimaryKeys(Names.identifier(ct.getTable().getName()));
            }
            for (String col : idx.getColumnsNames()) {
                String n = Names.identifier(col);
                int i = indexOf(columns, n);
                if (i < 0) {
                    throw Errors.undefinedColumn("\"" + n + "\" named in key");
                }
                primaryKey.add(i);
                ColumnPlan c = columns.get(i);
                columns.set(i, new ColumnPlan(c.name(), c.type(), true, c.defaultExpression(), c.serialSequence()));
            }
        }
    }

    /** The expression of a column's {@code CHECK (expr)}, which the parser hands over as text. */
    private static net.sf.jsqlparser.expression.Expression checkExpression(List<String> specs, int i) {
        if (i >= specs.size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of CHECK");
        }
        try {
            return net.sf.jsqlparser.parser.CCJSqlParserUtil.parseCondExpression(withoutOuterParentheses(specs.get(i)));
        } catch (net.sf.jsqlparser.JSQLParserException e) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error in CHECK " + specs.get(i));
        }
    }

    /** "(x > 0)" to "x > 0"; "(a) AND (b)" stays as it is. */
    private static String withoutOuterParentheses(String text) {
        String t = text.strip();
        if (!t.startsWith("(") || !t.endsWith(")")) {
            return t;
        }
        int depth = 0;
        for (int i = 0; i < t.length(); i++) {
            depth += t.charAt(i) == '(' ? 1 : t.charAt(i) == ')' ? -1 : 0;
            if (depth == 0 && i < t.length() - 1) {
                return t;
            }
        }
        return t.substring(1, t.length() - 1).strip();
    }

    /**
     * Names the CHECK constraints as PostgreSQL does ({@code <table>_<column>_check} for a column's or
     * for one naming a single column, else {@code <table>_check}, numbered on collision) and binds
     * each over the new table's columns, so that a bad one fails CREATE TABLE.
     */
    private List<CheckConstraint> namedChecks(String table, List<ColumnPlan> columns) {
        List<Plan.Column> cols = new ArrayList<>();
        for (ColumnPlan c : columns) {
            cols.add(Plan.Column.computed(c.name(), c.type()));
        }
        Scope scope = Scope.of(table, cols, null, null);
        java.util.Set<String> used = new java.util.HashSet<>();
        checks.stream().filter(c -> c.declaredName() != null).forEach(c -> {
            if (!used.add(c.declaredName())) {
                throw new SqlException("42710", "constraint \"" + c.declaredName() + "\" for relation \"" + table
                        + "\" already exists");
            }
        });
        List<CheckConstraint> out = new ArrayList<>();
        for (CheckPlan c : checks) {
            planner.binder().bool(c.expression(), ExprBinder.Ctx.of(scope), "CHECK");
            String name = c.declaredName();
            if (name == null) {
                List<String> referenced = CheckConstraints.referencedColumns(c.expression().toString(),
                        columns.stream().map(ColumnPlan::name).toList());
                String column = c.column() != null ? c.column() : referenced.size() == 1 ? referenced.get(0) : null;
                String base = table + (column == null ? "" : "_" + column) + "_check";
                name = base;
                for (int n = 1; used.contains(name); n++) {
                    name = base + n;
                }
                used.add(name);
            }
            out.add(new CheckConstraint(name, c.expression().toString()));
        }
        return out;
    }

    private static int indexOf(List<ColumnPlan> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int fragments(List<String> options) {
        if (options == null || options.isEmpty()) {
            return FRAGMENTS_UNSAID;
        }
        String text = String.join(" ", options);
        Matcher m = FRAGMENTS.matcher(text);
        if (!m.find()) {
            return FRAGMENTS_UNSAID; // storage parameters such as fillfactor mean nothing to Tessera
        }
        int n = Integer.parseInt(m.group(1));
        if (n < 1 || n > MAX_FRAGMENTS) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "fragments must be between 1 and " + MAX_FRAGMENTS);
        }
        return n;
    }

    /** {@code WITH (replicas = N)} or {@code replicas = 'all'}; unsaid: the cluster default. */
    private static int replicas(List<String> options) {
        if (options == null || options.isEmpty()) {
            return TableSpec.REPLICAS_DEFAULT;
        }
        Matcher m = REPLICAS.matcher(String.join(" ", options));
        if (!m.find()) {
            return TableSpec.REPLICAS_DEFAULT;
        }
        String value = m.group(2);
        if (value.equalsIgnoreCase("all")) {
            return TableSpec.REPLICAS_ALL;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_REPLICAS) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "replicas must be 'all' or a number between 1 and " + MAX_REPLICAS + ", not " + value);
        }
        return n;
    }

    private record CreateTableStatement(String name, List<ColumnPlan> columnPlans, List<Integer> primaryKey, int fragments,
            int replicas, boolean ifNotExists, List<CheckConstraint> checks) implements BoundStatement {
        @Override public List<Plan.Column> columns() { return List.of(); }

        @Override
        public Execution start(ExecContext ctx) {
            Catalog catalog = ctx.catalog();
            if (catalog.table(name).isPresent()) {
                if (ifNotExists) {
                    return BoundStatement.finished(List.of(), "CREATE TABLE");
                }
                throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            }
            List<ColumnDescriptor> descriptors = new ArrayList<>();
            List<ColumnPlan> columns = columnPlans;
            for (int i = 0; i < columns.size(); i++) {
                ColumnPlan c = columns.get(i);
                descriptors.add(new ColumnDescriptor(i + 1, c.name(), c.type(), c.notNull(), c.defaultExpression(), false));
            }
            List<Integer> key = primaryKey;
            if (key.isEmpty()) {
                descriptors.add(new ColumnDescriptor(columns.size() + 1, ROW_ID_COLUMN, SqlType.INT8, true, null, true));
                key = List.of(columns.size());
            }
            List<String> created = new ArrayList<>();
            try {
                for (ColumnPlan c : columnPlans) {
                    if (c.serialSequence() != null) {
                        catalog.createSequence(c.serialSequence());
                        created.add(c.serialSequence());
                    }
                }
                int count = fragments == FRAGMENTS_UNSAID ? catalog.defaultFragments() : fragments;
                catalog.createTable(new TableSpec(name, descriptors, key, count, checks, replicas));
            } catch (RuntimeException e) {
                created.forEach(catalog::dropSequence); // a failed CREATE TABLE leaves no sequence behind
                throw e;
            }
            return BoundStatement.finished(List.of(), "CREATE TABLE");
        }
    }

    /**
     * CREATE [OR REPLACE] VIEW: the query is planned now (so a bad one fails here, and the view's
     * columns and the tables it reads are known) and stored as text, to be planned again wherever
     * the view is used.
     */
    public BoundStatement planCreateView(CreateView cv) {
        String name = Names.identifier(cv.getView().getName());
        if (cv.getView().getSchemaName() != null && !Names.identifier(cv.getView().getSchemaName()).equals("public")) {
            throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + cv.getView().getSchemaName() + "\" does not exist");
        }
        if (cv.isMaterialized() || cv.getTemporary() != null && cv.getTemporary() != net.sf.jsqlparser.statement.create.view.TemporaryOption.NONE) {
            throw Errors.unsupported("materialized and temporary views");
        }
        Plan plan = planner.planQuery(cv.getSelect());
        List<String> names = new ArrayList<>();
        if (cv.getColumnNames() != null) {
            cv.getColumnNames().forEach(c -> names.add(Names.identifier(c.getColumnName())));
        }
        if (names.size() > plan.columns().size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
        }
        List<ColumnDescriptor> columns = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            Plan.Column c = plan.columns().get(i);
            String column = i < names.size() ? names.get(i) : c.name();
            if (!seen.add(column)) {
                throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + column + "\" specified more than once");
            }
            SqlType type = c.type().kind() == io.tessera.common.types.TypeKind.UNKNOWN ? SqlType.TEXT : Types.output(c.type());
            columns.add(new ColumnDescriptor(i + 1, column, type, false, null, false));
        }
        Matcher m = VIEW_QUERY.matcher(planner.sql());
        String query = m.matches() ? m.group(1).strip() : cv.getSelect().toString();
        ViewDescriptor view = new ViewDescriptor(0, name, query, columns, planner.tablesRead());
        return new CreateViewStatement(view, cv.isOrReplace());
    }

    private record CreateViewStatement(ViewDescriptor view, boolean orReplace) implements BoundStatement {
        @Override public List<Plan.Column> columns() { return List.of(); }

        @Override
        public Execution start(ExecContext ctx) {
            var old = ctx.catalog().view(view.name());
            if (orReplace && old.isPresent()) {
                checkReplacement(old.get(), view);
            }
            ctx.catalog().createView(view, orReplace);
            return BoundStatement.finished(List.of(), "CREATE VIEW");
        }
    }

    /** PostgreSQL's rule for OR REPLACE: the old columns stay, same names and types, new ones only at the end. */
    private static void checkReplacement(ViewDescriptor old, ViewDescriptor next) {
        if (next.columns().size() < old.columns().size()) {
            throw new SqlException("42P16", "cannot drop columns from view");
        }
        for (int i = 0; i < old.columns().size(); i++) {
            ColumnDescriptor o = old.columns().get(i);
            ColumnDescriptor n = next.columns().get(i);
            if (!o.name().equals(n.name())) {
                throw new SqlException("42P16", "cannot change name of view column \"" + o.name() + "\" to \"" + n.name() + "\"");
            }
            if (!o.type().equals(n.type())) {
                throw new SqlException("42P16", "cannot change data type of view column \"" + o.name() + "\"");
            }
        }
    }

    /** DROP VIEW [IF EXISTS] a, b. */
    public static BoundStatement dropViews(List<String> names, boolean ifExists) {
        return new BoundStatement() {
            @Override public List<Plan.Column> columns() { return List.of(); }

            @Override
            public Execution start(ExecContext ctx) {
                for (String n : names) {
                    if (ctx.catalog().view(n).isEmpty()) {
                        if (ctx.catalog().table(n).isPresent()) {
                            throw new SqlException("42809", "\"" + n + "\" is not a view")
                                    .withHint("Use DROP TABLE to remove a table.");
                        }
                        if (!ifExists) {
                            throw new SqlException(SqlState.UNDEFINED_TABLE, "view \"" + n + "\" does not exist");
                        }
                    }
                }
                for (String n : names) {
                    if (ctx.catalog().view(n).isPresent()) {
                        ctx.catalog().dropView(n);
                    }
                }
                return BoundStatement.finished(List.of(), "DROP VIEW");
            }
        };
    }

    /** DROP TABLE [IF EXISTS] a, b: also drops the sequences of their SERIAL columns. */
    public static BoundStatement dropTables(List<String> names, boolean ifExists) {
        return new BoundStatement() {
            @Override public List<Plan.Column> columns() { return List.of(); }

            @Override
            public Execution start(ExecContext ctx) {
                for (String n : names) {
                    if (ctx.catalog().table(n).isEmpty() && ctx.catalog().view(n).isPresent()) {
                        throw new SqlException("42809", "\"" + n + "\" is not a table")
                                .withHint("Use DROP VIEW to remove a view.");
                    }
                    if (ctx.catalog().table(n).isEmpty() && !ifExists) {
                        throw Errors.undefinedTable(n);
                    }
                }
                for (String n : names) {
                    var table = ctx.catalog().table(n);
                    if (table.isPresent()) {
                        ctx.catalog().dropTable(n);
                        dropOwnedSequences(ctx.catalog(), table.get());
                    }
                }
                return BoundStatement.finished(List.of(), "DROP TABLE");
            }
        };
    }

    private static void dropOwnedSequences(Catalog catalog, TableDescriptor table) {
        for (ColumnDescriptor c : table.columns()) {
            String seq = table.name() + "_" + c.name() + "_seq";
            if (c.defaultExpression() != null && c.defaultExpression().contains("'" + seq + "'") && catalog.sequences().contains(seq)) {
                catalog.dropSequence(seq);
            }
        }
    }

    public static BoundStatement truncate(List<String> names) {
        return new BoundStatement() {
            @Override public List<Plan.Column> columns() { return List.of(); }

            @Override
            public Execution start(ExecContext ctx) {
                List<TableDescriptor> tables = new ArrayList<>();
                for (String n : names) {
                    tables.add(ctx.catalog().table(n).orElseThrow(() -> Errors.undefinedTable(n)));
                }
                for (TableDescriptor t : tables) {
                    ctx.store().truncate(t);
                }
                return BoundStatement.finished(List.of(), "TRUNCATE TABLE");
            }
        };
    }
}
