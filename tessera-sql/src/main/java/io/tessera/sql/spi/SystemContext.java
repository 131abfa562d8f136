package io.tessera.sql.spi;

import io.tessera.cluster.api.Catalog;

/** What a system table or a system function may read: the catalog and the calling session. */
public interface SystemContext {
    Catalog catalog();

    String user();

    String database();

    /** A session setting as SHOW prints it, or null. */
    String setting(String name);
}
