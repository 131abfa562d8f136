package io.tessera.sql.catalog;

import io.tessera.sql.spi.SystemColumn;
import io.tessera.sql.spi.SystemContext;
import io.tessera.sql.spi.SystemTable;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A system table whose rows are computed from a {@link CatalogSnapshot} on every scan.
 *
 * @param view true for what PostgreSQL defines as a view (pg_roles, information_schema.*): it
 *     shows in pg_class with relkind 'v'
 */
record VirtualTable(String schema, String name, int oid, boolean view, TableShape shape,
        BiFunction<TableShape, CatalogSnapshot, List<Object[]>> producer, PgCatalogProvider owner)
        implements SystemTable {

    @Override
    public List<SystemColumn> columns() { return shape.columns(); }

    @Override
    public List<Object[]> rows(SystemContext context) {
        return producer.apply(shape, owner.snapshot(context));
    }
}
