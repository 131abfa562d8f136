package io.tessera.sql.engine;

import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.types.SqlType;
import io.tessera.sql.spi.Oids;
import io.tessera.sql.spi.SqlFunction;
import io.tessera.sql.spi.SystemCatalogProvider;
import io.tessera.sql.spi.SystemColumn;
import io.tessera.sql.spi.SystemContext;
import io.tessera.sql.spi.SystemTable;
import java.util.ArrayList;
import java.util.List;

/**
 * A small stand-in for the real pg_catalog provider (written elsewhere), enough to run the shapes
 * of psql's and pgjdbc's catalog queries through the engine: pg_namespace, pg_class, and the
 * functions pg_table_is_visible and pg_get_userbyid.
 */
final class FakeSystemCatalog implements SystemCatalogProvider {

    private static SystemTable table(String name, int oid, List<SystemColumn> columns,
            java.util.function.Function<SystemContext, List<Object[]>> rows) {
        return new SystemTable() {
            @Override public String schema() { return "pg_catalog"; }
            @Override public String name() { return name; }
            @Override public int oid() { return oid; }
            @Override public List<SystemColumn> columns() { return columns; }
            @Override public List<Object[]> rows(SystemContext context) { return rows.apply(context); }
        };
    }

    @Override
    public List<SystemTable> tables() {
        SystemTable namespace = table("pg_namespace", 2615,
                List.of(new SystemColumn("oid", SqlType.OID), new SystemColumn("nspname", SqlType.NAME)),
                ctx -> List.of(new Object[] {(long) Oids.PG_CATALOG_NAMESPACE, "pg_catalog"},
                        new Object[] {(long) Oids.PUBLIC_NAMESPACE, "public"},
                        new Object[] {(long) Oids.INFORMATION_SCHEMA_NAMESPACE, "information_schema"}));
        SystemTable pgClass = table("pg_class", 1259,
                List.of(new SystemColumn("oid", SqlType.OID), new SystemColumn("relname", SqlType.NAME),
                        new SystemColumn("relnamespace", SqlType.OID), new SystemColumn("relkind", SqlType.CHAR),
                        new SystemColumn("relowner", SqlType.OID), new SystemColumn("relam", SqlType.OID)),
                ctx -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (TableDescriptor t : ctx.catalog().tables()) {
                        rows.add(new Object[] {(long) Oids.tableOid(t.id()), t.name(), (long) Oids.PUBLIC_NAMESPACE, "r",
                                (long) Oids.SUPERUSER_OID, 2L});
                    }
                    rows.add(new Object[] {1259L, "pg_class", (long) Oids.PG_CATALOG_NAMESPACE, "r", (long) Oids.SUPERUSER_OID, 2L});
                    return rows;
                });
        SystemTable am = table("pg_am", 2601,
                List.of(new SystemColumn("oid", SqlType.OID), new SystemColumn("amname", SqlType.NAME)),
                ctx -> List.<Object[]>of(new Object[] {2L, "heap"}));
        return List.of(namespace, pgClass, am);
    }

    @Override
    public List<SqlFunction> functions() {
        return List.of(function("pg_table_is_visible", SqlType.BOOL, (args, ctx) -> true),
                function("pg_get_userbyid", SqlType.NAME, (args, ctx) -> ((Number) args.get(0)).longValue() == Oids.SUPERUSER_OID
                        ? ctx.user() : "unknown (OID=" + args.get(0) + ")"));
    }

    private static SqlFunction function(String name, SqlType result,
            java.util.function.BiFunction<List<Object>, SystemContext, Object> body) {
        return new SqlFunction() {
            @Override public String name() { return name; }
            @Override public SqlType resultType(List<SqlType> argumentTypes) { return result; }
            @Override public Object call(List<Object> arguments, SystemContext context) { return body.apply(arguments, context); }
        };
    }
}
