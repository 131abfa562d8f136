package io.tessera.sql.plan;

import io.tessera.sql.spi.SystemCatalogProvider;
import io.tessera.sql.spi.SystemTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The system tables of all providers, by schema-qualified name and by OID. */
public final class SystemTables {
    private final Map<String, SystemTable> byName = new LinkedHashMap<>();
    private final List<SystemTable> all = new ArrayList<>();

    public SystemTables(List<SystemCatalogProvider> providers) {
        for (SystemCatalogProvider p : providers) {
            for (SystemTable t : p.tables()) {
                byName.putIfAbsent(t.schema() + "." + t.name(), t);
                all.add(t);
            }
        }
    }

    /**
     * A system table by name. Without a schema, pg_catalog is searched (it is first on every
     * search_path in PostgreSQL), then the other system schemas.
     */
    public SystemTable find(String schema, String name) {
        if (schema != null) {
            return byName.get(schema + "." + name);
        }
        SystemTable t = byName.get("pg_catalog." + name);
        return t;
    }

    SystemTable byOid(long oid) {
        for (SystemTable t : all) {
            if (t.oid() == oid) {
                return t;
            }
        }
        return null;
    }
}
