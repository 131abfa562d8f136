package io.tessera.sql.catalog;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.types.SqlType;
import io.tessera.sql.catalog.CatalogSnapshot.Attribute;
import io.tessera.sql.catalog.CatalogSnapshot.PrimaryKey;
import io.tessera.sql.catalog.CatalogSnapshot.Relation;
import io.tessera.sql.spi.Oids;
import io.tessera.sql.spi.SqlFunction;
import java.util.List;
import java.util.Optional;

/**
 * Functions that describe catalog objects: format_type, the pg_get_*def family, visibility,
 * owners, comments and sizes. Where PostgreSQL answers NULL for an OID that names nothing, so do
 * these; objects Tessera does not have (triggers, statistics objects, partition keys, comments)
 * are always "nothing".
 */
final class DescribeFunctions {
    private DescribeFunctions() {}

    static List<SqlFunction> all(PgCatalogProvider owner) {
        return List.of(
                Fn.strict("pg_get_userbyid", 1, SqlType.NAME, (a, c) -> userName(Args.oid(a.get(0)))),
                Fn.lenient("format_type", 2, 2, SqlType.TEXT, (a, c) -> a.get(0) == null ? null
                        : FormatType.format(Args.oid(a.get(0)), a.get(1) == null ? null : Args.int4(a.get(1)),
                                owner.snapshot(c))),
                Fn.strict("pg_table_is_visible", 1, SqlType.BOOL, (a, c) -> tableVisible(owner.snapshot(c),
                        Args.oid(a.get(0)))),
                Fn.strict("pg_type_is_visible", 1, SqlType.BOOL, (a, c) -> typeVisible(owner.snapshot(c),
                        Args.oid(a.get(0)))),
                Fn.strict("pg_function_is_visible", 1, SqlType.BOOL, (a, c) ->
                        BuiltinProcs.nameOf(Args.oid(a.get(0))) == null ? null : Boolean.TRUE),
                // adbin and the other pg_node_tree columns already hold the deparsed text.
                Fn.strict("pg_get_expr", 2, 3, SqlType.TEXT, (a, c) -> Args.text(a.get(0))),
                Fn.strict("pg_get_indexdef", 1, 3, SqlType.TEXT, (a, c) -> indexDefinition(owner.snapshot(c), a)),
                Fn.strict("pg_get_constraintdef", 1, 2, SqlType.TEXT, (a, c) -> constraintDefinition(owner.snapshot(c),
                        Args.oid(a.get(0)), a.size() > 1 && isTrue(a.get(1)))),
                Fn.strict("pg_get_statisticsobjdef_columns", 1, SqlType.TEXT, (a, c) -> null),
                Fn.strict("pg_get_triggerdef", 1, 2, SqlType.TEXT, (a, c) -> null),
                Fn.strict("pg_get_partkeydef", 1, SqlType.TEXT, (a, c) -> null),
                Fn.strict("pg_get_viewdef", 1, 2, SqlType.TEXT, (a, c) -> owner.snapshot(c)
                        .viewDefinition(Args.oid(a.get(0))).orElse(null)),
                Fn.strict("obj_description", 1, 2, SqlType.TEXT, (a, c) -> null),
                Fn.strict("col_description", 2, SqlType.TEXT, (a, c) -> null),
                Fn.strict("shobj_description", 2, SqlType.TEXT, (a, c) -> null),
                Fn.strict("pg_get_serial_sequence", 2, SqlType.TEXT, (a, c) -> serialSequence(owner.snapshot(c),
                        Args.text(a.get(0)), Args.text(a.get(1)))),
                Fn.strict("pg_relation_is_publishable", 1, SqlType.BOOL, (a, c) -> relation(owner.snapshot(c),
                        a.get(0)).map(Relation::isUserTable).orElse(null)),
                size(owner, "pg_relation_size", 2),
                size(owner, "pg_table_size", 1),
                size(owner, "pg_indexes_size", 1),
                size(owner, "pg_total_relation_size", 1));
    }

    /** PostgreSQL's answer for an OID that is no role. */
    static String userName(long oid) {
        return oid == Oids.SUPERUSER_OID ? CatalogSnapshot.SUPERUSER_NAME : "unknown (OID=" + oid + ")";
    }

    private static Boolean tableVisible(CatalogSnapshot snapshot, long oid) {
        return snapshot.relation(oid).map(snapshot::isVisible).orElse(null);
    }

    private static Boolean typeVisible(CatalogSnapshot snapshot, long oid) {
        if (BuiltinTypes.byOid(oid) != null) {
            return true;
        }
        return snapshot.relations().stream().filter(r -> r.rowType() == oid && oid != 0).findFirst()
                .map(snapshot::isVisible).orElse(null);
    }

    /** A relation by OID (NULL when none) or by name (42P01 when none), as a regclass argument. */
    static Optional<Relation> relation(CatalogSnapshot snapshot, Object argument) {
        if (Args.isNumber(argument)) {
            return snapshot.relation(Args.oid(argument));
        }
        String text = Args.text(argument);
        long oid = RegFunctions.regclass(snapshot, text).orElseThrow(() -> RegFunctions.undefinedRelation(text));
        return snapshot.relation(oid);
    }

    private static String indexDefinition(CatalogSnapshot snapshot, List<Object> arguments) {
        Optional<Relation> index = snapshot.relation(Args.oid(arguments.get(0))).filter(r -> r.kind().equals("i"));
        if (index.isEmpty()) {
            return null;
        }
        PrimaryKey key = index.get().primaryKey();
        int column = arguments.size() > 1 ? Args.int4(arguments.get(1)) : 0;
        boolean pretty = arguments.size() > 2 && Args.bool(arguments.get(2));
        if (column > 0) {
            return ObjectDefinitions.indexColumn(key, column);
        }
        Relation table = snapshot.relation(key.tableOid()).orElseThrow(
                () -> new IllegalStateException("index " + key.name() + " without its table"));
        return ObjectDefinitions.indexDefinition(key, table, pretty && snapshot.isVisible(table));
    }

    /** A boolean argument that may arrive as text ('t', 'true') when the caller's literal was untyped. */
    private static boolean isTrue(Object v) {
        return v instanceof Boolean b ? b : v != null && java.util.Set.of("t", "true", "on", "1", "yes")
                .contains(v.toString().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A primary key's or a CHECK's definition. PostgreSQL's deparser parenthesises every operator
     * unless pretty; Tessera keeps the text as declared, inside one extra pair when not pretty.
     */
    private static String constraintDefinition(CatalogSnapshot snapshot, long oid, boolean pretty) {
        Optional<String> key = constraint(snapshot, oid).map(ObjectDefinitions::constraintDefinition);
        if (key.isPresent()) {
            return key.get();
        }
        return snapshot.checks().stream().filter(ch -> ch.oid() == oid).findFirst()
                .map(ch -> pretty ? "CHECK (" + ch.expression() + ")" : "CHECK ((" + ch.expression() + "))").orElse(null);
    }

    private static Optional<PrimaryKey> constraint(CatalogSnapshot snapshot, long oid) {
        return RelationTables.primaryKeys(snapshot).stream().filter(k -> k.constraintOid() == oid).findFirst();
    }

    /** The sequence a column's DEFAULT draws from, schema-qualified as PostgreSQL returns it. */
    private static String serialSequence(CatalogSnapshot snapshot, String tableName, String columnName) {
        QualifiedName name = QualifiedName.parse(tableName);
        Relation table = snapshot.relation(name.schema(), name.name())
                .orElseThrow(() -> RegFunctions.undefinedRelation(tableName));
        Attribute column = table.attributes().stream().filter(a -> a.name().equals(columnName)).findFirst()
                .orElseThrow(() -> new SqlException(SqlState.UNDEFINED_COLUMN,
                        "column \"" + columnName + "\" of relation \"" + table.name() + "\" does not exist"));
        return DefaultExpressions.sequenceName(column.defaultText())
                .map(sequence -> Identifiers.quote(table.namespace().name()) + "." + Identifiers.quote(sequence))
                .orElse(null);
    }

    /**
     * The size functions answer 0 bytes: table data lives in the fragments' RocksDB instances across
     * the cluster and the catalog keeps no size statistics. They still check the relation exists.
     */
    private static Fn size(PgCatalogProvider owner, String name, int maxArguments) {
        return Fn.strict(name, 1, maxArguments, SqlType.INT8, (a, c) -> relation(owner.snapshot(c), a.get(0))
                .map(r -> 0L).orElse(null));
    }
}
