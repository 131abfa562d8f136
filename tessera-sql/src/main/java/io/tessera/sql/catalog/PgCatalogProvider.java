package io.tessera.sql.catalog;

import io.tessera.cluster.api.Catalog;
import io.tessera.sql.spi.SqlFunction;
import io.tessera.sql.spi.SystemCatalogProvider;
import io.tessera.sql.spi.SystemContext;
import io.tessera.sql.spi.SystemTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tessera's pg_catalog and information_schema: the system tables and catalog functions that psql's
 * {@code \d} family, pgjdbc's DatabaseMetaData and its type-info queries read, computed from the
 * replicated catalog on every scan.
 *
 * <p>The server constructs one per node: {@code new PgCatalogProvider(startTime, siblings)}, where
 * startTime is the node's start (pg_postmaster_start_time), taken from the node's clock, and
 * siblings the node's other system catalog providers (may be empty).
 */
public final class PgCatalogProvider implements SystemCatalogProvider {
    private final Instant startTime;
    private final List<SystemTable> tables;
    /** This provider's tables and its siblings': what pg_class lists as system relations. */
    private final List<SystemTable> describedTables;
    private final List<SqlFunction> functions;

    public PgCatalogProvider(Instant startTime) {
        this(startTime, List.of());
    }

    /**
     * @param siblings the node's other providers (tessera.* tables): their tables are listed in
     *     pg_class, pg_attribute and information_schema and resolve as regclass, like this
     *     provider's own; each must live in a schema pg_namespace lists
     */
    public PgCatalogProvider(Instant startTime, List<SystemCatalogProvider> siblings) {
        this.startTime = Objects.requireNonNull(startTime, "startTime");
        List<SystemTable> all = new ArrayList<>();
        all.addAll(RelationTables.all(this));
        all.addAll(GlobalTables.all(this));
        all.addAll(EmptyTables.all(this));
        all.addAll(InformationSchemaTables.all(this));
        this.tables = List.copyOf(all);
        List<SystemTable> described = new ArrayList<>(all);
        for (SystemCatalogProvider sibling : siblings) {
            for (SystemTable table : sibling.tables()) {
                if (CatalogSnapshot.NAMESPACES.stream().noneMatch(n -> n.name().equals(table.schema()))) {
                    throw new IllegalArgumentException("system table " + table.name() + " in unknown schema "
                            + table.schema());
                }
                described.add(table);
            }
        }
        this.describedTables = List.copyOf(described);
        List<SqlFunction> fns = new ArrayList<>();
        fns.addAll(DescribeFunctions.all(this));
        fns.addAll(RegFunctions.all(this));
        fns.addAll(PrivilegeFunctions.all(this));
        fns.addAll(SessionFunctions.all(startTime));
        fns.addAll(ArrayFunctions.all());
        this.functions = List.copyOf(fns);
    }

    @Override
    public List<SystemTable> tables() { return tables; }

    @Override
    public List<SqlFunction> functions() { return functions; }

    public Instant startTime() { return startTime; }

    /** The last model built, and the catalog state it was built from. */
    private record Cached(Catalog catalog, long version, CatalogSnapshot snapshot) {}

    private volatile Cached cached;

    /**
     * The model every table and function reads. psql calls pg_table_is_visible once per pg_class
     * row, so the model is kept while the catalog's version stays the same, and rebuilt after any
     * change; reading the version first means a change racing the build only causes one more build.
     */
    CatalogSnapshot snapshot(SystemContext context) {
        Catalog catalog = context.catalog();
        long version = catalog.version();
        Cached current = cached;
        if (current != null && current.catalog() == catalog && current.version() == version) {
            return current.snapshot().forContext(context);
        }
        CatalogSnapshot fresh = CatalogSnapshot.of(context, describedTables);
        cached = new Cached(catalog, version, fresh);
        return fresh;
    }

    /**
     * pg_attribute.attnum of a table column: its 1-based position among the visible columns (the
     * hidden row id of a table without a primary key has none: 0). RowDescription must send the
     * same number, so the engine should use this rather than count on its own.
     */
    public static int attributeNumber(io.tessera.cluster.api.TableDescriptor table, int columnIndex) {
        if (table.columns().get(columnIndex).hidden()) {
            return 0;
        }
        int number = 0;
        for (int i = 0; i <= columnIndex; i++) {
            if (!table.columns().get(i).hidden()) {
                number++;
            }
        }
        return number;
    }
}
