package io.tessera.sql.catalog;

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
 * <p>The server constructs one per node: {@code new PgCatalogProvider(startTime)}, where
 * startTime is the node's start (pg_postmaster_start_time), taken from the node's clock.
 */
public final class PgCatalogProvider implements SystemCatalogProvider {
    private final Instant startTime;
    private final List<SystemTable> tables;
    private final List<SqlFunction> functions;

    public PgCatalogProvider(Instant startTime) {
        this.startTime = Objects.requireNonNull(startTime, "startTime");
        List<SystemTable> all = new ArrayList<>();
        all.addAll(RelationTables.all(this));
        all.addAll(GlobalTables.all(this));
        all.addAll(EmptyTables.all(this));
        all.addAll(InformationSchemaTables.all(this));
        this.tables = List.copyOf(all);
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

    /** The model every table and function reads, fresh from the catalog for this call. */
    CatalogSnapshot snapshot(SystemContext context) {
        return CatalogSnapshot.of(context, tables);
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
