package io.tessera.sql.catalog;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.sql.spi.SqlFunction;
import io.tessera.sql.spi.SystemColumn;
import io.tessera.sql.spi.SystemContext;
import io.tessera.sql.spi.SystemTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The schema of the PostgreSQL capture (pgcompat/client-queries.md) as Tessera can hold it:
 * {@code customers (id serial primary key, name text not null, email varchar(100), created_at
 * timestamptz default now())}, {@code orders (id bigserial primary key, customer_id int,
 * amount numeric(10,2), note text)}, and a keyless {@code events (payload jsonb)}.
 */
final class CatalogFixture {
    static final Instant START = Instant.parse("2026-11-29T06:00:00Z");

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final PgCatalogProvider provider = new PgCatalogProvider(START);
    final Map<String, String> settings = new HashMap<>(Map.of("search_path", "\"$user\", public",
            "server_version", "15.20", "client_encoding", "UTF8", "TimeZone", "Etc/UTC", "DateStyle", "ISO, MDY",
            "tessera.backend_pid", "4242"));
    final SystemContext context = new SystemContext() {
        @Override public Catalog catalog() { return catalog; }
        @Override public String user() { return "tessera"; }
        @Override public String database() { return "tessera"; }
        @Override public String setting(String name) { return settings.get(name); }
    };
    final TableDescriptor customers;
    final TableDescriptor orders;
    final TableDescriptor events;

    CatalogFixture() {
        this(true);
    }

    /** @param withKeylessTable whether to add {@code events}, which the capture's schema does not have */
    CatalogFixture(boolean withKeylessTable) {
        catalog.createSequence("customers_id_seq");
        customers = catalog.create("customers", List.of(
                new ColumnDescriptor(1, "id", SqlType.INT4, true, "nextval('customers_id_seq')", false),
                new ColumnDescriptor(2, "name", SqlType.TEXT, true, null, false),
                new ColumnDescriptor(3, "email", SqlType.varchar(100), false, null, false),
                new ColumnDescriptor(4, "created_at", SqlType.TIMESTAMPTZ, false, "now()", false)), List.of(0));
        catalog.createSequence("orders_id_seq");
        orders = catalog.create("orders", List.of(
                new ColumnDescriptor(1, "id", SqlType.INT8, true, "nextval('orders_id_seq')", false),
                new ColumnDescriptor(2, "customer_id", SqlType.INT4, false, null, false),
                new ColumnDescriptor(3, "amount", SqlType.numeric(10, 2), false, null, false),
                new ColumnDescriptor(4, "note", SqlType.TEXT, false, null, false)), List.of(0));
        events = !withKeylessTable ? null : catalog.create("events", List.of(
                new ColumnDescriptor(1, "payload", SqlType.JSONB, false, null, false),
                new ColumnDescriptor(2, "rowid", SqlType.of(TypeKind.INT8), true, null, true)), List.of(1));
    }

    SystemTable table(String schema, String name) {
        return provider.tables().stream().filter(t -> t.schema().equals(schema) && t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + schema + "." + name));
    }

    /** The rows of a table as column-name maps, in the table's order, those matching a filter. */
    List<Map<String, Object>> rows(String schema, String name, Predicate<Map<String, Object>> filter) {
        SystemTable table = table(schema, name);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object[] row : table.rows(context)) {
            if (row.length != table.columns().size()) {
                throw new AssertionError(name + " row has " + row.length + " values: " + Arrays.toString(row));
            }
            Map<String, Object> map = new LinkedHashMap<>();
            List<SystemColumn> columns = table.columns();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i).name(), row[i]);
            }
            if (filter.test(map)) {
                result.add(map);
            }
        }
        return result;
    }

    List<Map<String, Object>> pg(String name, Predicate<Map<String, Object>> filter) {
        return rows("pg_catalog", name, filter);
    }

    Object call(String function, Object... arguments) {
        SqlFunction fn = provider.functions().stream().filter(f -> f.name().equals(function)).findFirst()
                .orElseThrow(() -> new AssertionError("no function " + function));
        List<Object> args = Arrays.asList(arguments);
        if (fn.strict() && args.stream().anyMatch(a -> a == null)) {
            return null;
        }
        return fn.call(args, context);
    }

    long oid(TableDescriptor table) {
        return io.tessera.sql.spi.Oids.tableOid(table.id());
    }
}
