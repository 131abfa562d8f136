package io.tessera.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.sql.spi.Oids;
import io.tessera.sql.spi.SqlFunction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog functions, with outputs as PostgreSQL 15 prints them. */
class CatalogFunctionsTest {
    private final CatalogFixture f = new CatalogFixture();
    private final long customers = f.oid(f.customers);
    private final long customersPkey = Oids.primaryKeyIndexOid(f.customers.id());

    private static void assertSqlState(Runnable call, String sqlState) {
        assertThatThrownBy(call::run).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(((SqlException) e).sqlState()).isEqualTo(sqlState));
    }

    @Test
    void formatTypeMatchesPostgres() {
        assertThat(f.call("format_type", 1043L, 24)).isEqualTo("character varying(20)");
        assertThat(f.call("format_type", 1043L, 104)).isEqualTo("character varying(100)");
        assertThat(f.call("format_type", 1043L, -1)).isEqualTo("character varying");
        assertThat(f.call("format_type", 23L, -1)).isEqualTo("integer");
        assertThat(f.call("format_type", 1042L, -1)).isEqualTo("bpchar");
        assertThat(f.call("format_type", 1042L, null)).isEqualTo("character");
        assertThat(f.call("format_type", 1042L, 88)).isEqualTo("character(84)");
        assertThat(f.call("format_type", 1700L, ((10 << 16) | 2) + 4)).isEqualTo("numeric(10,2)");
        assertThat(f.call("format_type", 1700L, -1)).isEqualTo("numeric");
        assertThat(f.call("format_type", 1184L, -1)).isEqualTo("timestamp with time zone");
        assertThat(f.call("format_type", 1114L, 3)).isEqualTo("timestamp(3) without time zone");
        assertThat(f.call("format_type", 1007L, -1)).isEqualTo("integer[]");
        assertThat(f.call("format_type", 1015L, 24)).isEqualTo("character varying(20)[]");
        assertThat(f.call("format_type", 18L, -1)).isEqualTo("\"char\"");
        assertThat(f.call("format_type", 19L, -1)).isEqualTo("name");
        assertThat(f.call("format_type", 22L, -1)).isEqualTo("int2vector");
        assertThat(f.call("format_type", 2276L, null)).isEqualTo("\"any\"");
        assertThat(f.call("format_type", 1560L, -1)).isEqualTo("\"bit\"");
        assertThat(f.call("format_type", 999999L, -1)).isEqualTo("???");
        assertThat(f.call("format_type", null, -1)).isNull();
        assertThat(f.call("format_type", (long) Oids.tableRowTypeOid(f.customers.id()), -1)).isEqualTo("customers");
    }

    @Test
    void indexAndConstraintDefinitions() {
        assertThat(f.call("pg_get_indexdef", customersPkey))
                .isEqualTo("CREATE UNIQUE INDEX customers_pkey ON public.customers USING btree (id)");
        assertThat(f.call("pg_get_indexdef", customersPkey, 0, true))
                .isEqualTo("CREATE UNIQUE INDEX customers_pkey ON customers USING btree (id)");
        assertThat(f.call("pg_get_indexdef", customersPkey, 1, false)).isEqualTo("id");
        assertThat(f.call("pg_get_indexdef", customers)).isNull();
        assertThat(f.call("pg_get_constraintdef", ObjectIds.primaryKeyConstraint(f.customers.id())))
                .isEqualTo("PRIMARY KEY (id)");
        assertThat(f.call("pg_get_constraintdef", 12345L, true)).isNull();
        assertThat(f.pg("pg_indexes", r -> r.get("tablename").equals("orders"))).extracting(r -> r.get("indexdef"))
                .containsExactly("CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)");
    }

    @Test
    void namesOwnersAndVisibility() {
        assertThat(f.call("pg_get_userbyid", 10L)).isEqualTo("tessera");
        assertThat(f.call("pg_get_userbyid", 77L)).isEqualTo("unknown (OID=77)");
        assertThat(f.call("pg_table_is_visible", customers)).isEqualTo(true);
        assertThat(f.call("pg_table_is_visible", "" + customers)).isEqualTo(true);
        assertThat(f.call("pg_table_is_visible", 13002L)).isEqualTo(false);
        assertThat(f.call("pg_table_is_visible", 999999L)).isNull();
        assertThat(f.call("pg_type_is_visible", 23L)).isEqualTo(true);
        assertThat(f.call("quote_ident", "customers")).isEqualTo("customers");
        assertThat(f.call("quote_ident", "Mixed")).isEqualTo("\"Mixed\"");
        assertThat(f.call("quote_ident", "select")).isEqualTo("\"select\"");
        assertThat(f.call("quote_ident", "a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(f.call("pg_encoding_to_char", 6)).isEqualTo("UTF8");
        assertThat(f.call("obj_description", customers, "pg_class")).isNull();
        assertThat(f.call("col_description", customers, 1)).isNull();
    }

    @Test
    void visibilityFollowsTheSearchPath() {
        f.settings.put("search_path", "tessera");
        assertThat(f.call("pg_table_is_visible", customers)).isEqualTo(false);
        assertThat(f.call("pg_table_is_visible", 1259L)).isEqualTo(true);
        assertThat(f.call("pg_get_indexdef", customersPkey, 0, true))
                .isEqualTo("CREATE UNIQUE INDEX customers_pkey ON public.customers USING btree (id)");
        assertThat(f.call("regclassout", customers)).isEqualTo("public.customers");
        assertThat(f.call("to_regclass", "customers")).isNull();
        assertThat(f.call("current_schemas", true)).isEqualTo(List.of("pg_catalog", "tessera"));
    }

    @Test
    void aUserTableNamedLikeACatalogIsHiddenByIt() {
        f.catalog.create("pg_class", List.of(new io.tessera.cluster.api.ColumnDescriptor(1, "x",
                io.tessera.common.types.SqlType.INT4, true, null, false)), List.of(0));
        long shadowed = Oids.tableOid(f.catalog.table("pg_class").orElseThrow().id());
        assertThat(f.call("pg_table_is_visible", shadowed)).isEqualTo(false);
        assertThat(f.call("regclassin", "pg_class")).isEqualTo(1259L);
        assertThat(f.call("regclassin", "public.pg_class")).isEqualTo(shadowed);
    }

    @Test
    void regclassAndFriends() {
        assertThat(f.call("regclassin", "customers")).isEqualTo(customers);
        assertThat(f.call("regclassin", "public.customers")).isEqualTo(customers);
        assertThat(f.call("regclassin", "pg_class")).isEqualTo(1259L);
        assertThat(f.call("regclassin", "16386")).isEqualTo(16386L);
        assertThat(f.call("to_regclass", "nope")).isNull();
        assertSqlState(() -> f.call("regclassin", "nope"), "42P01");
        assertThat(f.call("regclassout", customers)).isEqualTo("customers");
        assertThat(f.call("regclassout", 13002L)).isEqualTo("information_schema.columns");
        assertThat(f.call("regclassout", 424242L)).isEqualTo("424242");
        assertThat(f.call("regtypein", "integer")).isEqualTo(23L);
        assertThat(f.call("regtypein", "pg_catalog.int4")).isEqualTo(23L);
        assertThat(f.call("regtypein", "text[]")).isEqualTo(1009L);
        assertThat(f.call("regtypeout", 1043L)).isEqualTo("character varying");
        assertThat(f.call("regprocout", 750L)).isEqualTo("array_in");
        assertThat(f.call("regnamespacein", "public")).isEqualTo(2200L);
        assertThat(f.call("regnamespaceout", 2200L)).isEqualTo("public");
        assertSqlState(() -> f.call("regnamespacein", "nope"), "3F000");
    }

    @Test
    void privilegesOfTheSuperuser() {
        assertThat(f.call("has_table_privilege", "customers", "SELECT")).isEqualTo(true);
        assertThat(f.call("has_table_privilege", "tessera", customers, "select, insert WITH GRANT OPTION"))
                .isEqualTo(true);
        assertThat(f.call("has_table_privilege", 999999L, "SELECT")).isNull();
        assertSqlState(() -> f.call("has_table_privilege", "customers", "FLY"), "22023");
        assertSqlState(() -> f.call("has_table_privilege", "nope", "SELECT"), "42P01");
        assertSqlState(() -> f.call("has_table_privilege", "mallory", "customers", "SELECT"), "42704");
        assertThat(f.call("has_schema_privilege", "public", "USAGE")).isEqualTo(true);
        assertSqlState(() -> f.call("has_schema_privilege", "nope", "USAGE"), "3F000");
        assertThat(f.call("has_database_privilege", "tessera", "CONNECT")).isEqualTo(true);
        assertSqlState(() -> f.call("has_database_privilege", "other", "CONNECT"), "3D000");
    }

    @Test
    void sessionFunctions() {
        assertThat(f.call("current_setting", "TimeZone")).isEqualTo("Etc/UTC");
        assertThat(f.call("current_setting", "no_such", true)).isNull();
        assertSqlState(() -> f.call("current_setting", "no_such"), "42704");
        assertThat(f.call("current_schemas", true)).isEqualTo(List.of("pg_catalog", "public"));
        assertThat(f.call("current_schemas", false)).isEqualTo(List.of("public"));
        assertThat(f.call("current_database")).isEqualTo("tessera");
        assertThat(f.call("pg_backend_pid")).isEqualTo(4242);
        assertThat(f.call("pg_postmaster_start_time")).isEqualTo(CatalogFixture.START);
        assertThat(f.call("pg_is_in_recovery")).isEqualTo(false);
        assertThat(f.call("pg_relation_size", "customers")).isEqualTo(0L);
        assertThat(f.call("pg_relation_is_publishable", "" + customers)).isEqualTo(true);
        f.settings.remove("tessera.backend_pid");
        assertSqlState(() -> f.call("pg_backend_pid"), "0A000");
    }

    @Test
    void arrayFunctions() {
        assertThat(f.call("array_to_string", List.of("a", "b"), ",")).isEqualTo("a,b");
        assertThat(f.call("array_to_string", java.util.Arrays.asList("a", null, "c"), "\n")).isEqualTo("a\nc");
        assertThat(f.call("array_to_string", java.util.Arrays.asList("a", null), ",", "*")).isEqualTo("a,*");
        assertThat(f.call("array_position", List.of("pg_catalog", "public"), "public")).isEqualTo(2);
        assertThat(f.call("array_position", List.of(1L, 2L), 2)).isEqualTo(2);
        assertThat(f.call("array_position", List.of("a"), "b")).isNull();
        assertThat(f.call("array_upper", List.of("a", "b"), 1)).isEqualTo(2);
        assertThat(f.call("array_upper", List.of(), 1)).isNull();
    }

    @Test
    void functionNamesAreUniqueAndArityIsChecked() {
        Set<String> names = new HashSet<>();
        for (SqlFunction fn : f.provider.functions()) {
            assertThat(names.add(fn.name())).as("duplicate %s", fn.name()).isTrue();
        }
        SqlFunction formatType = f.provider.functions().stream().filter(fn -> fn.name().equals("format_type"))
                .findFirst().orElseThrow();
        assertSqlState(() -> formatType.resultType(List.of(io.tessera.common.types.SqlType.OID)), "42883");
    }
}
