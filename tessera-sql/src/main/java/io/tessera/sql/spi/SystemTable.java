package io.tessera.sql.spi;

import java.util.List;

/**
 * A read-only table computed from the catalog on each scan: pg_catalog.pg_class,
 * information_schema.columns, tessera.nodes, ... The engine scans it like any table (filters,
 * joins, ordering are the engine's work); {@link #rows} only produces the full row set.
 */
public interface SystemTable {
    /** {@code pg_catalog}, {@code information_schema} or {@code tessera}. */
    String schema();

    String name();

    /** The OID pg_class gives this table (pg_class is 1259, pg_attribute 1249, ...). */
    int oid();

    List<SystemColumn> columns();

    /** Every row, values in the Java classes of their column types. */
    List<Object[]> rows(SystemContext context);
}
