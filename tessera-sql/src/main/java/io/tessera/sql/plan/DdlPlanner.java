package io.tessera.sql.plan;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
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

/**
 * CREATE TABLE, DROP TABLE and TRUNCATE. A table without a primary key gets a hidden BIGINT
 * column {@link #ROW_ID_COLUMN} as its key, filled from a hybrid-clock based unique id.
 */
public final class DdlPlanner {
    /** The hidden key column of a table declared without a primary key. */
    public static final String ROW_ID_COLUMN = "tessera_rowid";

    /** Fragments a table gets when CREATE TABLE does not say {@code WITH (fragments = N)}. */
    public static final int DEFAULT_FRAGMENTS = 1;

    /** More fragments than this for one table is refused: each is a Raft group. */
    public static final int MAX_FRAGMENTS = 256;

    private static final Pattern FRAGMENTS = Pattern.compile("fragments\\s*=\\s*(\\d+)", Pattern.CASE_INSENSITIVE);

    private final Planner planner;

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
        int fragments = fragments(ct.getTableOptionsStrings());
        boolean ifNotExists = ct.isIfNotExists();
        return new CreateTableStatement(name, columns, primaryKey, fragments, ifNotExists);
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
                case "CHECK" -> throw Errors.unsupported("CHECK constraints");
                case "CONSTRAINT" -> i++;
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

    private static void tableConstraints(CreateTable ct, List<ColumnPlan> columns, List<Integer> primaryKey) {
        if (ct.getIndexes() == null) {
            return;
        }
        for (Index idx : ct.getIndexes()) {
            String type = idx.getType() == null ? "" : idx.getType().toUpperCase(Locale.ROOT);
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
            return DEFAULT_FRAGMENTS;
        }
        String text = String.join(" ", options);
        Matcher m = FRAGMENTS.matcher(text);
        if (!m.find()) {
            return DEFAULT_FRAGMENTS; // storage parameters such as fillfactor mean nothing to Tessera
        }
        int n = Integer.parseInt(m.group(1));
        if (n < 1 || n > MAX_FRAGMENTS) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "fragments must be between 1 and " + MAX_FRAGMENTS);
        }
        return n;
    }

    private record CreateTableStatement(String name, List<ColumnPlan> columnPlans, List<Integer> primaryKey, int fragments,
            boolean ifNotExists) implements BoundStatement {
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
                catalog.createTable(new TableSpec(name, descriptors, key, fragments));
            } catch (RuntimeException e) {
                created.forEach(catalog::dropSequence); // a failed CREATE TABLE leaves no sequence behind
                throw e;
            }
            return BoundStatement.finished(List.of(), "CREATE TABLE");
        }
    }

    /** DROP TABLE [IF EXISTS] a, b: also drops the sequences of their SERIAL columns. */
    public static BoundStatement dropTables(List<String> names, boolean ifExists) {
        return new BoundStatement() {
            @Override public List<Plan.Column> columns() { return List.of(); }

            @Override
            public Execution start(ExecContext ctx) {
                for (String n : names) {
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
