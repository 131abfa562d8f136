package io.tessera.sql.catalog;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.ViewDescriptor;
import io.tessera.common.types.SqlType;
import io.tessera.sql.spi.Oids;
import io.tessera.sql.spi.SystemColumn;
import io.tessera.sql.spi.SystemContext;
import io.tessera.sql.spi.SystemTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the pg_catalog and information_schema tables show, computed once per scan from the
 * catalog and the provider's own system tables: namespaces, relations (user tables, their
 * primary-key indexes, sequences, system tables and views) with their attributes, OIDs and owners.
 * Every system table is a projection of this one model, so pg_class, pg_attribute, pg_index and
 * information_schema.columns cannot disagree with each other.
 */
final class CatalogSnapshot {
    static final String DATABASE_NAME = "tessera";
    static final String SUPERUSER_NAME = "tessera";
    static final long HEAP_AM = 2;
    static final long BTREE_AM = 403;

    /** A schema: pg_namespace row. */
    record Namespace(long oid, String name) {}

    /** A column of a relation, numbered as pg_attribute.attnum. */
    record Attribute(String name, SqlType type, short number, boolean notNull, String defaultText) {
        /** An index's expression key part: number 0, and the expression's definition text as name. */
        boolean isExpression() { return number == 0; }
    }

    /**
     * An index of a user table: its primary key (with its constraint) or a secondary index
     * ({@code constraintOid} 0, no constraint).
     *
     * @param include the INCLUDE columns, after the key columns in pg_index.indkey
     */
    record PrimaryKey(long indexOid, String name, long constraintOid, long tableOid, List<Attribute> columns,
            boolean primary, boolean unique, List<Attribute> include) {

        PrimaryKey(long indexOid, String name, long constraintOid, long tableOid, List<Attribute> columns) {
            this(indexOid, name, constraintOid, tableOid, columns, true, true, List.of());
        }
    }

    /**
     * A pg_class row. kind is PostgreSQL's relkind: r table, v view, i index, S sequence.
     *
     * @param primaryKey for a user table with a declared key, and for its index relation
     * @param ownerOfSequence for a sequence a SERIAL column draws from: that table and column
     */
    record Relation(long oid, String name, Namespace namespace, String kind, long accessMethod, long rowType,
            List<Attribute> attributes, PrimaryKey primaryKey, SequenceOwner ownerOfSequence) {

        boolean isUserTable() { return kind.equals("r") && namespace.oid() == Oids.PUBLIC_NAMESPACE; }
    }

    /** The table and column whose DEFAULT is nextval() of a sequence. */
    record SequenceOwner(long tableOid, String tableName, Attribute column) {}

    static final Namespace PG_CATALOG = new Namespace(Oids.PG_CATALOG_NAMESPACE, "pg_catalog");
    static final Namespace PUBLIC = new Namespace(Oids.PUBLIC_NAMESPACE, "public");
    static final Namespace INFORMATION_SCHEMA = new Namespace(Oids.INFORMATION_SCHEMA_NAMESPACE, "information_schema");
    static final Namespace TESSERA = new Namespace(Oids.TESSERA_NAMESPACE, "tessera");
    /** PostgreSQL always has pg_toast (99); listed so that clients filtering on it find it. */
    static final Namespace PG_TOAST = new Namespace(99, "pg_toast");
    static final List<Namespace> NAMESPACES = List.of(PG_CATALOG, PUBLIC, INFORMATION_SCHEMA, TESSERA, PG_TOAST);

    private final SystemContext context;
    private final List<Relation> relations;
    private final Map<Long, Relation> byOid;
    /** Relations by name, for name resolution: psql resolves one per pg_class row. */
    private final Map<String, List<Relation>> byName;
    /** The session's search path with pg_catalog: where unqualified names resolve, in order. */
    private final List<String> searchPath;

    private CatalogSnapshot(SystemContext context, List<Relation> relations, Map<Long, Relation> byOid,
            Map<String, List<Relation>> byName) {
        this.context = context;
        this.relations = relations;
        this.byOid = byOid;
        this.byName = byName;
        this.searchPath = SessionFunctions.currentSchemas(context, true);
    }

    static CatalogSnapshot of(SystemContext context, List<? extends SystemTable> systemTables) {
        List<Relation> relations = List.copyOf(relationsOf(context, systemTables));
        Map<String, List<Relation>> byName = new java.util.HashMap<>();
        relations.forEach(r -> byName.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(r));
        byName.replaceAll((n, list) -> List.copyOf(list));
        return new CatalogSnapshot(context, relations, indexByOid(relations), Map.copyOf(byName));
    }

    /** The same relations seen from another session (its settings, user and database name). */
    CatalogSnapshot forContext(SystemContext otherContext) {
        return new CatalogSnapshot(otherContext, relations, byOid, byName);
    }

    private static List<Relation> relationsOf(SystemContext context, List<? extends SystemTable> systemTables) {
        List<Relation> relations = new ArrayList<>();
        List<TableDescriptor> tables = context.catalog().tables();
        for (TableDescriptor table : tables) {
            Relation relation = userTable(table);
            relations.add(relation);
            if (relation.primaryKey() != null) {
                relations.add(indexOf(relation.primaryKey()));
            }
            for (io.tessera.cluster.api.IndexDescriptor index : table.indexes()) {
                relations.add(indexOf(secondaryIndex(table, index, relation)));
            }
        }
        for (ViewDescriptor view : context.catalog().views()) {
            relations.add(userView(view));
        }
        java.util.Set<Long> used = new java.util.HashSet<>();
        relations.forEach(r -> used.add(r.oid()));
        for (String sequence : context.catalog().sequences().stream().sorted().toList()) {
            Relation relation = sequence(sequence, relations, used);
            used.add(relation.oid());
            relations.add(relation);
        }
        for (SystemTable table : systemTables) {
            relations.add(systemRelation(table));
        }
        return relations;
    }

    private static Map<Long, Relation> indexByOid(List<Relation> relations) {
        Map<Long, Relation> map = new LinkedHashMap<>();
        for (Relation r : relations) {
            if (map.put(r.oid(), r) != null) {
                throw new IllegalStateException("two relations share OID " + r.oid() + ": " + r.name());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    SystemContext context() { return context; }

    List<Relation> relations() { return relations; }

    Optional<Relation> relation(long oid) { return Optional.ofNullable(byOid.get(oid)); }

    /** Resolves a relation name as regclass input does: optionally schema-qualified, else by search_path. */
    Optional<Relation> relation(String schema, String name) {
        List<String> path = schema == null ? searchPath : List.of(schema);
        List<Relation> named = byName.getOrDefault(name, List.of());
        for (String namespace : path) {
            for (Relation r : named) {
                if (r.namespace().name().equals(namespace)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    Optional<Namespace> namespace(long oid) {
        return NAMESPACES.stream().filter(n -> n.oid() == oid).findFirst();
    }

    Optional<Namespace> namespace(String name) {
        return NAMESPACES.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /**
     * A relation is visible when an unqualified reference to its name finds it: its schema is on
     * the search path and no schema earlier on the path has a relation of the same name.
     */
    boolean isVisible(Relation relation) {
        return relation(null, relation.name()).map(found -> found.oid() == relation.oid()).orElse(false);
    }

    /** The session's database name; Tessera has one database, whatever the client called it. */
    String database() {
        return SessionFunctions.database(context);
    }

    /** The name of a table's row type (format_type of pg_class.reltype), or null. */
    String rowTypeName(long typeOid) {
        for (Relation r : relations) {
            if (r.rowType() == typeOid && r.rowType() != 0) {
                return Identifiers.quote(r.name());
            }
        }
        return null;
    }

    private static Relation userTable(TableDescriptor table) {
        long oid = Oids.tableOid(table.id());
        List<Attribute> attributes = new ArrayList<>();
        short number = 0;
        for (ColumnDescriptor column : table.columns()) {
            if (column.hidden()) {
                continue;
            }
            number++;
            String display = column.defaultExpression() == null ? null
                    : DefaultExpressions.display(column.defaultExpression(), column.type());
            attributes.add(new Attribute(column.name(), column.type(), number, column.notNull() || isKey(table, column),
                    display));
        }
        PrimaryKey key = primaryKey(table, oid, attributes);
        return new Relation(oid, table.name(), PUBLIC, "r", HEAP_AM, Oids.tableRowTypeOid(table.id()), attributes, key,
                null);
    }

    /** A user view: relkind 'v', no storage, its columns as they were when it was created. */
    private static Relation userView(ViewDescriptor view) {
        List<Attribute> attributes = new ArrayList<>();
        short number = 0;
        for (ColumnDescriptor column : view.columns()) {
            attributes.add(new Attribute(column.name(), column.type(), ++number, false, null));
        }
        return new Relation(Oids.tableOid(view.id()), view.name(), PUBLIC, "v", 0, Oids.tableRowTypeOid(view.id()),
                attributes, null, null);
    }

    /** A CHECK constraint of a user table, as pg_constraint shows it (contype 'c'). */
    record Check(long oid, String name, long tableOid, String expression, List<Short> columns) {}

    private static final java.util.regex.Pattern IDENTIFIER =
            java.util.regex.Pattern.compile("\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_$]*)");

    /** The CHECK constraints of the user tables, each with the numbers of the columns it names. */
    List<Check> checks() {
        List<Check> out = new ArrayList<>();
        for (Relation r : relations) {
            if (!r.isUserTable()) {
                continue;
            }
            List<io.tessera.cluster.api.CheckConstraint> declared = context.catalog().table(r.name())
                    .map(TableDescriptor::checks).orElse(List.of());
            for (io.tessera.cluster.api.CheckConstraint c : declared) {
                java.util.Set<String> named = new java.util.HashSet<>();
                java.util.regex.Matcher m = IDENTIFIER.matcher(c.expression().replaceAll("'(?:[^']|'')*'", "''"));
                while (m.find()) {
                    named.add(m.group(1) != null ? m.group(1) : m.group(2).toLowerCase(java.util.Locale.ROOT));
                }
                List<Short> columns = r.attributes().stream().filter(a -> named.contains(a.name())).map(Attribute::number).toList();
                out.add(new Check(ObjectIds.checkConstraint(r.oid(), c.name()), c.name(), r.oid(), c.expression(), columns));
            }
        }
        return out;
    }

    /** pg_get_viewdef's text of a user view: its query as stored, PostgreSQL's leading space and semicolon. */
    Optional<String> viewDefinition(long oid) {
        Relation r = byOid.get(oid);
        if (r == null || !r.kind().equals("v") || r.namespace().oid() != Oids.PUBLIC_NAMESPACE) {
            return Optional.empty();
        }
        return context.catalog().view(r.name()).map(v -> " " + v.query() + ";");
    }

    /** A primary-key column is NOT NULL in PostgreSQL even when the DDL did not say so. */
    private static boolean isKey(TableDescriptor table, ColumnDescriptor column) {
        for (int index : table.primaryKey()) {
            if (table.columns().get(index).id() == column.id()) {
                return true;
            }
        }
        return false;
    }

    /** The declared primary key; a table keyed by its hidden row id has none. */
    private static PrimaryKey primaryKey(TableDescriptor table, long tableOid, List<Attribute> attributes) {
        List<Attribute> keyColumns = new ArrayList<>();
        for (int index : table.primaryKey()) {
            ColumnDescriptor column = table.columns().get(index);
            if (column.hidden()) {
                return null;
            }
            attributes.stream().filter(a -> a.name().equals(column.name())).findFirst().ifPresent(keyColumns::add);
        }
        if (keyColumns.isEmpty()) {
            return null;
        }
        return new PrimaryKey(Oids.primaryKeyIndexOid(table.id()), table.name() + "_pkey",
                ObjectIds.primaryKeyConstraint(table.id()), tableOid, List.copyOf(keyColumns));
    }

    /**
     * A secondary index as pg_index shows it: key parts, then INCLUDE columns, by table attribute;
     * an expression key part is an {@link Attribute#isExpression() expression attribute} (number 0,
     * as in pg_index.indkey) named by its definition text.
     */
    private static PrimaryKey secondaryIndex(TableDescriptor table, io.tessera.cluster.api.IndexDescriptor index,
            Relation relation) {
        java.util.function.Function<Integer, Attribute> attribute = id -> {
            String name = table.columns().get(table.columnPosition(id)).name();
            return relation.attributes().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
        };
        List<Attribute> keyParts = new ArrayList<>();
        for (int i = 0; i < index.columns().size(); i++) {
            if (index.isExpression(i)) {
                var e = index.expression(i);
                keyParts.add(new Attribute(e.definitionText(), e.type(), (short) 0, false, null));
            } else {
                keyParts.add(attribute.apply(index.columns().get(i)));
            }
        }
        return new PrimaryKey(Oids.tableOid(index.id()), index.name(), 0, relation.oid(), List.copyOf(keyParts), false,
                index.unique(), index.include().stream().map(attribute).toList());
    }

    /** The secondary indexes of the user tables (those without a constraint). */
    List<PrimaryKey> secondaryIndexes() {
        return relations.stream().filter(r -> r.kind().equals("i") && r.primaryKey() != null && !r.primaryKey().primary())
                .map(Relation::primaryKey).toList();
    }

    /** The index relation of a primary key or index: its attributes are its columns, numbered from 1. */
    private static Relation indexOf(PrimaryKey key) {
        List<Attribute> attributes = new ArrayList<>();
        short number = 0;
        List<Attribute> all = new ArrayList<>(key.columns());
        all.addAll(key.include());
        int expressions = 0;
        for (Attribute column : all) {
            number++;
            // PostgreSQL names an index's expression columns expr, expr1, expr2, ...
            String name = !column.isExpression() ? column.name() : expressions++ == 0 ? "expr" : "expr" + (expressions - 1);
            attributes.add(new Attribute(name, column.type(), number, false, null));
        }
        return new Relation(key.indexOid(), key.name(), PUBLIC, "i", BTREE_AM, 0, attributes, key, null);
    }

    /** A sequence relation has PostgreSQL's three columns; its owner is the column that draws from it. */
    private static Relation sequence(String name, List<Relation> tables, java.util.Set<Long> used) {
        List<Attribute> attributes = List.of(new Attribute("last_value", SqlType.INT8, (short) 1, true, null),
                new Attribute("log_cnt", SqlType.INT8, (short) 2, true, null),
                new Attribute("is_called", SqlType.BOOL, (short) 3, true, null));
        return new Relation(ObjectIds.sequence(name, used::contains), name, PUBLIC, "S", 0, 0, attributes, null,
                owner(name, tables));
    }

    private static SequenceOwner owner(String sequence, List<Relation> tables) {
        for (Relation table : tables) {
            if (!table.kind().equals("r")) {
                continue;
            }
            for (Attribute a : table.attributes()) {
                if (DefaultExpressions.sequenceName(a.defaultText()).filter(sequence::equals).isPresent()) {
                    return new SequenceOwner(table.oid(), table.name(), a);
                }
            }
        }
        return null;
    }

    private static Relation systemRelation(SystemTable table) {
        Namespace namespace = NAMESPACES.stream().filter(n -> n.name().equals(table.schema())).findFirst()
                .orElseThrow(() -> new IllegalStateException("system table in unknown schema " + table.schema()));
        List<Attribute> attributes = new ArrayList<>();
        short number = 0;
        for (SystemColumn column : table.columns()) {
            number++;
            attributes.add(new Attribute(column.name(), column.type(), number, false, null));
        }
        boolean view = table instanceof VirtualTable v && v.view();
        return new Relation(table.oid(), table.name(), namespace, view ? "v" : "r", view ? 0 : HEAP_AM, 0, attributes,
                null, null);
    }
}
