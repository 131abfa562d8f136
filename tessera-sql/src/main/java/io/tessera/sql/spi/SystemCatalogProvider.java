package io.tessera.sql.spi;

import java.util.List;

/** Contributes system tables and functions to the engine (pg_catalog, information_schema). */
public interface SystemCatalogProvider {
    List<SystemTable> tables();

    List<SqlFunction> functions();
}
