package io.tessera.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** information_schema rows for the capture's tables, as PostgreSQL 15 computes them. */
class InformationSchemaTest {
    private final CatalogFixture f = new CatalogFixture();

    private List<Map<String, Object>> columnsOf(String table) {
        return f.rows("information_schema", "columns", r -> r.get("table_name").equals(table));
    }

    private static List<Object> values(Map<String, Object> row, String... names) {
        return Arrays.stream(names).map(row::get).toList();
    }

    @Test
    void columnsOfCustomers() {
        List<Map<String, Object>> rows = columnsOf("customers");
        String[] shown = {"column_name", "ordinal_position", "column_default", "is_nullable", "data_type",
            "character_maximum_length", "character_octet_length", "numeric_precision", "numeric_precision_radix",
            "numeric_scale", "datetime_precision", "udt_name", "dtd_identifier", "is_identity", "is_generated",
            "is_updatable"};
        assertThat(rows).hasSize(4);
        assertThat(values(rows.get(0), shown)).containsExactly("id", 1, "nextval('customers_id_seq'::regclass)", "NO",
                "integer", null, null, 32, 2, 0, null, "int4", "1", "NO", "NEVER", "YES");
        assertThat(values(rows.get(1), shown)).containsExactly("name", 2, null, "NO", "text", null, 1073741824, null,
                null, null, null, "text", "2", "NO", "NEVER", "YES");
        assertThat(values(rows.get(2), shown)).containsExactly("email", 3, null, "YES", "character varying", 100, 400,
                null, null, null, null, "varchar", "3", "NO", "NEVER", "YES");
        assertThat(values(rows.get(3), shown)).containsExactly("created_at", 4, "now()", "YES",
                "timestamp with time zone", null, null, null, null, null, 6, "timestamptz", "4", "NO", "NEVER", "YES");
        assertThat(rows).extracting(r -> r.get("table_catalog") + "." + r.get("table_schema"))
                .containsOnly("tessera.public");
    }

    @Test
    void numericColumnsReportPrecisionAndScale() {
        Map<String, Object> amount = columnsOf("orders").get(2);
        assertThat(values(amount, "data_type", "numeric_precision", "numeric_precision_radix", "numeric_scale"))
                .containsExactly("numeric", 10, 10, 2);
        Map<String, Object> id = columnsOf("orders").get(0);
        assertThat(values(id, "data_type", "numeric_precision", "numeric_scale")).containsExactly("bigint", 64, 0);
    }

    @Test
    void tablesAndSchemata() {
        assertThat(f.rows("information_schema", "tables", r -> r.get("table_schema").equals("public")))
                .extracting(r -> r.get("table_name") + ":" + r.get("table_type") + ":" + r.get("is_insertable_into"))
                .containsExactly("customers:BASE TABLE:YES", "orders:BASE TABLE:YES", "events:BASE TABLE:YES");
        assertThat(f.rows("information_schema", "tables", r -> r.get("table_name").equals("pg_roles")))
                .extracting(r -> r.get("table_type")).containsExactly("VIEW");
        assertThat(f.rows("information_schema", "schemata", r -> true)).extracting(r -> r.get("schema_name"))
                .contains("public", "pg_catalog", "information_schema", "tessera");
    }

    @Test
    void constraintsAndKeyColumns() {
        long customers = f.oid(f.customers);
        assertThat(f.rows("information_schema", "table_constraints", r -> r.get("table_name").equals("customers")))
                .extracting(r -> r.get("constraint_name") + ":" + r.get("constraint_type"))
                .containsExactly("customers_pkey:PRIMARY KEY", "2200_" + customers + "_1_not_null:CHECK",
                        "2200_" + customers + "_2_not_null:CHECK");
        assertThat(f.rows("information_schema", "key_column_usage", r -> r.get("table_name").equals("orders")))
                .extracting(r -> values(r, "constraint_name", "column_name", "ordinal_position"))
                .containsExactly(List.of("orders_pkey", "id", 1));
        assertThat(f.rows("information_schema", "key_column_usage", r -> r.get("table_name").equals("events")))
                .isEmpty();
    }
}
