package io.tessera.sql.catalog;

import static io.tessera.common.types.TypeKind.INT4;
import static io.tessera.common.types.TypeKind.NAME;
import static io.tessera.common.types.TypeKind.VARCHAR;

import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.sql.catalog.BuiltinTypes.TypeInfo;
import io.tessera.sql.catalog.CatalogSnapshot.Attribute;
import io.tessera.sql.catalog.CatalogSnapshot.Namespace;
import io.tessera.sql.catalog.CatalogSnapshot.PrimaryKey;
import io.tessera.sql.catalog.CatalogSnapshot.Relation;
import java.util.ArrayList;
import java.util.List;

/**
 * information_schema.tables, columns, schemata, table_constraints and key_column_usage, computed as
 * PostgreSQL 15's view definitions compute them. PostgreSQL types their columns with the domains
 * sql_identifier (over name), character_data and yes_or_no (over varchar) and cardinal_number
 * (over integer); Tessera uses the underlying types.
 */
final class InformationSchemaTables {
    /** The longest a text value may be, which information_schema reports as text's octet length. */
    private static final int TEXT_OCTETS_MAX = 1073741824;
    /** UTF8 needs up to four bytes a character (pg_encoding_max_length). */
    private static final int UTF8_BYTES_PER_CHAR_MAX = 4;

    private InformationSchemaTables() {}

    static List<VirtualTable> all(PgCatalogProvider owner) {
        return List.of(
                view(owner, "tables", 13001, TABLES, InformationSchemaTables::tables),
                view(owner, "columns", 13002, COLUMNS, InformationSchemaTables::columns),
                view(owner, "schemata", 13003, SCHEMATA, InformationSchemaTables::schemata),
                view(owner, "table_constraints", 13004, TABLE_CONSTRAINTS, InformationSchemaTables::tableConstraints),
                view(owner, "key_column_usage", 13005, KEY_COLUMN_USAGE, InformationSchemaTables::keyColumnUsage));
    }

    private static VirtualTable view(PgCatalogProvider owner, String name, int oid, TableShape shape,
            java.util.function.BiFunction<TableShape, CatalogSnapshot, List<Object[]>> producer) {
        return new VirtualTable("information_schema", name, oid, true, shape, producer, owner);
    }

    /** Tables and views, the relations information_schema lists (not indexes nor sequences). */
    private static List<Relation> tablesAndViews(CatalogSnapshot snapshot) {
        return snapshot.relations().stream().filter(r -> r.kind().equals("r") || r.kind().equals("v")).toList();
    }

    static final TableShape TABLES = TableShape.of("table_catalog", NAME, "table_schema", NAME, "table_name", NAME,
            "table_type", VARCHAR, "self_referencing_column_name", NAME, "reference_generation", VARCHAR,
            "user_defined_type_catalog", NAME, "user_defined_type_schema", NAME, "user_defined_type_name", NAME,
            "is_insertable_into", VARCHAR, "is_typed", VARCHAR, "commit_action", VARCHAR);

    private static List<Object[]> tables(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : tablesAndViews(snapshot)) {
            boolean table = r.kind().equals("r");
            rows.add(shape.row().set("table_catalog", snapshot.database()).set("table_schema", r.namespace().name())
                    .set("table_name", r.name()).set("table_type", table ? "BASE TABLE" : "VIEW")
                    .set("is_insertable_into", r.isUserTable() ? "YES" : "NO").set("is_typed", "NO").build());
        }
        return rows;
    }

    static final TableShape COLUMNS = TableShape.of("table_catalog", NAME, "table_schema", NAME, "table_name", NAME,
            "column_name", NAME, "ordinal_position", INT4, "column_default", VARCHAR, "is_nullable", VARCHAR,
            "data_type", VARCHAR, "character_maximum_length", INT4, "character_octet_length", INT4,
            "numeric_precision", INT4, "numeric_precision_radix", INT4, "numeric_scale", INT4,
            "datetime_precision", INT4, "interval_type", VARCHAR, "interval_precision", INT4,
            "character_set_catalog", NAME, "character_set_schema", NAME, "character_set_name", NAME,
            "collation_catalog", NAME, "collation_schema", NAME, "collation_name", NAME, "domain_catalog", NAME,
            "domain_schema", NAME, "domain_name", NAME, "udt_catalog", NAME, "udt_schema", NAME, "udt_name", NAME,
            "scope_catalog", NAME, "scope_schema", NAME, "scope_name", NAME, "maximum_cardinality", INT4,
            "dtd_identifier", NAME, "is_self_referencing", VARCHAR, "is_identity", VARCHAR,
            "identity_generation", VARCHAR, "identity_start", VARCHAR, "identity_increment", VARCHAR,
            "identity_maximum", VARCHAR, "identity_minimum", VARCHAR, "identity_cycle", VARCHAR,
            "is_generated", VARCHAR, "generation_expression", VARCHAR, "is_updatable", VARCHAR);

    private static List<Object[]> columns(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : tablesAndViews(snapshot)) {
            for (Attribute a : r.attributes()) {
                rows.add(column(shape, snapshot, r, a));
            }
        }
        return rows;
    }

    private static Object[] column(TableShape shape, CatalogSnapshot snapshot, Relation r, Attribute a) {
        SqlType type = a.type();
        TypeInfo info = RelationTables.typeOf(type);
        return shape.row().set("table_catalog", snapshot.database()).set("table_schema", r.namespace().name())
                .set("table_name", r.name()).set("column_name", a.name()).set("ordinal_position", (int) a.number())
                .set("column_default", a.defaultText()).set("is_nullable", a.notNull() ? "NO" : "YES")
                .set("data_type", dataType(type)).set("character_maximum_length", characterMaximumLength(type))
                .set("character_octet_length", characterOctetLength(type))
                .set("numeric_precision", numericPrecision(type)).set("numeric_precision_radix", numericRadix(type))
                .set("numeric_scale", numericScale(type)).set("datetime_precision", datetimePrecision(type))
                .set("udt_catalog", snapshot.database()).set("udt_schema", "pg_catalog").set("udt_name", info.name())
                .set("dtd_identifier", Short.toString(a.number())).set("is_self_referencing", "NO")
                .set("is_identity", "NO").set("identity_cycle", "NO").set("is_generated", "NEVER")
                .set("is_updatable", r.isUserTable() ? "YES" : "NO").build();
    }

    /** 'ARRAY' for arrays, else the type's name as format_type prints it without a modifier. */
    static String dataType(SqlType type) {
        return type.kind().isArray() ? "ARRAY" : FormatType.format(type.oid(), null, null);
    }

    static Integer characterMaximumLength(SqlType type) {
        boolean bounded = type.kind() == TypeKind.VARCHAR || type.kind() == TypeKind.BPCHAR;
        return bounded && type.length() >= 0 ? type.length() : null;
    }

    static Integer characterOctetLength(SqlType type) {
        TypeKind kind = type.kind();
        if (kind != TypeKind.VARCHAR && kind != TypeKind.BPCHAR && kind != TypeKind.TEXT) {
            return null;
        }
        return type.length() >= 0 ? type.length() * UTF8_BYTES_PER_CHAR_MAX : TEXT_OCTETS_MAX;
    }

    static Integer numericPrecision(SqlType type) {
        return switch (type.kind()) {
            case INT2 -> 16;
            case INT4 -> 32;
            case INT8 -> 64;
            case FLOAT4 -> 24;
            case FLOAT8 -> 53;
            case NUMERIC -> type.precision() > 0 ? type.precision() : null;
            default -> null;
        };
    }

    static Integer numericRadix(SqlType type) {
        return switch (type.kind()) {
            case INT2, INT4, INT8, FLOAT4, FLOAT8 -> 2;
            case NUMERIC -> 10;
            default -> null;
        };
    }

    static Integer numericScale(SqlType type) {
        return switch (type.kind()) {
            case INT2, INT4, INT8 -> 0;
            case NUMERIC -> type.precision() > 0 ? type.scale() : null;
            default -> null;
        };
    }

    /** Tessera keeps microseconds (PostgreSQL's default precision 6); a date has none. */
    static Integer datetimePrecision(SqlType type) {
        return switch (type.kind()) {
            case DATE -> 0;
            case TIMESTAMP, TIMESTAMPTZ -> 6;
            default -> null;
        };
    }

    static final TableShape SCHEMATA = TableShape.of("catalog_name", NAME, "schema_name", NAME, "schema_owner", NAME,
            "default_character_set_catalog", NAME, "default_character_set_schema", NAME,
            "default_character_set_name", NAME, "sql_path", VARCHAR);

    private static List<Object[]> schemata(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Namespace n : CatalogSnapshot.NAMESPACES) {
            rows.add(shape.row().set("catalog_name", snapshot.database()).set("schema_name", n.name())
                    .set("schema_owner", CatalogSnapshot.SUPERUSER_NAME).build());
        }
        return rows;
    }

    static final TableShape TABLE_CONSTRAINTS = TableShape.of("constraint_catalog", NAME, "constraint_schema", NAME,
            "constraint_name", NAME, "table_catalog", NAME, "table_schema", NAME, "table_name", NAME,
            "constraint_type", VARCHAR, "is_deferrable", VARCHAR, "initially_deferred", VARCHAR, "enforced", VARCHAR,
            "nulls_distinct", VARCHAR);

    /**
     * Primary keys, and PostgreSQL 15's pseudo CHECK constraint for every NOT NULL column, named
     * {@code <namespace oid>_<table oid>_<attnum>_not_null}.
     */
    private static List<Object[]> tableConstraints(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : snapshot.relations()) {
            if (!r.isUserTable()) {
                continue;
            }
            if (r.primaryKey() != null) {
                rows.add(constraint(shape, snapshot, r, r.primaryKey().name(), "PRIMARY KEY", "YES"));
            }
            for (Attribute a : r.attributes()) {
                if (a.notNull()) {
                    String name = r.namespace().oid() + "_" + r.oid() + "_" + a.number() + "_not_null";
                    rows.add(constraint(shape, snapshot, r, name, "CHECK", null));
                }
            }
        }
        return rows;
    }

    private static Object[] constraint(TableShape shape, CatalogSnapshot snapshot, Relation r, String name,
            String type, String nullsDistinct) {
        return shape.row().set("constraint_catalog", snapshot.database())
                .set("constraint_schema", r.namespace().name()).set("constraint_name", name)
                .set("table_catalog", snapshot.database()).set("table_schema", r.namespace().name())
                .set("table_name", r.name()).set("constraint_type", type).set("is_deferrable", "NO")
                .set("initially_deferred", "NO").set("enforced", "YES").set("nulls_distinct", nullsDistinct).build();
    }

    static final TableShape KEY_COLUMN_USAGE = TableShape.of("constraint_catalog", NAME, "constraint_schema", NAME,
            "constraint_name", NAME, "table_catalog", NAME, "table_schema", NAME, "table_name", NAME,
            "column_name", NAME, "ordinal_position", INT4, "position_in_unique_constraint", INT4);

    private static List<Object[]> keyColumnUsage(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : snapshot.relations()) {
            PrimaryKey key = r.isUserTable() ? r.primaryKey() : null;
            if (key == null) {
                continue;
            }
            for (int i = 0; i < key.columns().size(); i++) {
                rows.add(shape.row().set("constraint_catalog", snapshot.database())
                        .set("constraint_schema", r.namespace().name()).set("constraint_name", key.name())
                        .set("table_catalog", snapshot.database()).set("table_schema", r.namespace().name())
                        .set("table_name", r.name()).set("column_name", key.columns().get(i).name())
                        .set("ordinal_position", i + 1).build());
            }
        }
        return rows;
    }
}
