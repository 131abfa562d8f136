package io.tessera.sql.catalog;

import io.tessera.sql.catalog.CatalogSnapshot.Attribute;
import io.tessera.sql.catalog.CatalogSnapshot.PrimaryKey;
import io.tessera.sql.catalog.CatalogSnapshot.Relation;
import java.util.stream.Collectors;

/**
 * The DDL text of indexes and constraints exactly as PostgreSQL's pg_get_indexdef and
 * pg_get_constraintdef print it. The plain form always schema-qualifies the table
 * ({@code ON public.customers}); the pretty form, which psql asks for, leaves out a schema that is
 * on the search path ({@code ON customers}).
 */
final class ObjectDefinitions {
    private ObjectDefinitions() {}

    /** @param omitSchema the pretty form for a table visible on the search path */
    static String indexDefinition(PrimaryKey key, Relation table, boolean omitSchema) {
        String tableName = Identifiers.quote(table.name());
        if (!omitSchema) {
            tableName = Identifiers.quote(table.namespace().name()) + "." + tableName;
        }
        String include = key.include().isEmpty() ? "" : " INCLUDE (" + key.include().stream().map(Attribute::name)
                .map(Identifiers::quote).collect(Collectors.joining(", ")) + ")";
        return "CREATE " + (key.unique() ? "UNIQUE " : "") + "INDEX " + Identifiers.quote(key.name()) + " ON "
                + tableName + " USING btree (" + columnList(key) + ")" + include;
    }

    /** One key column of the index by its 1-based position, as pg_get_indexdef(oid, n, ...) prints it. */
    static String indexColumn(PrimaryKey key, int position) {
        int keyColumns = key.columns().size();
        if (position < 1 || position > keyColumns + key.include().size()) {
            return "";
        }
        Attribute column = position <= keyColumns ? key.columns().get(position - 1) : key.include().get(position - keyColumns - 1);
        return keyPart(column);
    }

    static String constraintDefinition(PrimaryKey key) {
        return "PRIMARY KEY (" + columnList(key) + ")";
    }

    private static String columnList(PrimaryKey key) {
        return key.columns().stream().map(ObjectDefinitions::keyPart).collect(Collectors.joining(", "));
    }

    /** A column quoted as needed; an expression as stored (already in pg_get_indexdef's form). */
    private static String keyPart(Attribute a) {
        return a.isExpression() ? a.name() : Identifiers.quote(a.name());
    }
}
