package io.tessera.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The expected results of the captured queries (catalog/queries/*.expected) follow from this
 * provider's rows: each test evaluates one query by hand, step by step as its SQL says (joins as
 * lookups, filters as predicates), and compares the text rows with the file. When the engine runs
 * the real SQL text it must arrive at the same rows; these tests make sure the files and the data
 * agree, so a mismatch there is the engine's.
 */
class ExpectedResultsTest {
    private final CatalogFixture f = new CatalogFixture(false);

    private List<String> expected(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/catalog/queries/" + name + ".expected")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${customers.oid}", Long.toString(f.oid(f.customers)))
                    .replace("${orders.oid}", Long.toString(f.oid(f.orders)));
            return text.lines().filter(l -> !l.startsWith("-- ")).toList();
        }
    }

    /** A value as psql prints it in the capture: NULL, '' for the empty string, t/f, {a,b}. */
    private static String text(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ExpectedResultsTest::text).collect(Collectors.joining(",", "{", "}"));
        }
        return value.toString().isEmpty() ? "''" : value.toString();
    }

    private static String line(Object... values) {
        return Arrays.stream(values).map(ExpectedResultsTest::text).collect(Collectors.joining(" | "));
    }

    private Map<String, Object> one(String table, Predicate<Map<String, Object>> filter) {
        List<Map<String, Object>> rows = f.pg(table, filter);
        assertThat(rows).as(table).hasSize(1);
        return rows.get(0);
    }

    private Map<String, Object> namespace(Object oid) {
        return one("pg_namespace", n -> n.get("oid").equals(oid));
    }

    private static final Map<String, String> RELKIND_NAMES = Map.of("r", "table", "v", "view", "i", "index",
            "S", "sequence", "p", "partitioned table");

    /** psql \dt and \d: the relation list. */
    private List<String> listRelations(List<String> kinds) {
        List<Object[]> rows = new ArrayList<>();
        for (Map<String, Object> c : f.pg("pg_class", c -> kinds.contains(c.get("relkind")))) {
            String nspname = (String) namespace(c.get("relnamespace")).get("nspname");
            boolean shown = !nspname.equals("pg_catalog") && !nspname.matches("^pg_toast.*")
                    && !nspname.equals("information_schema")
                    && Boolean.TRUE.equals(f.call("pg_table_is_visible", c.get("oid")));
            if (shown) {
                rows.add(new Object[] {nspname, c.get("relname"), RELKIND_NAMES.get(c.get("relkind")),
                    f.call("pg_get_userbyid", c.get("relowner"))});
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[0]).thenComparing(r -> (String) r[1]));
        return rows.stream().map(ExpectedResultsTest::line).toList();
    }

    @Test
    void psqlListsTablesAndRelations() throws IOException {
        assertThat(listRelations(List.of("r", "p", ""))).isEqualTo(expected("psql-dt"));
        assertThat(listRelations(List.of("r", "p", "v", "m", "S", "f", ""))).isEqualTo(expected("psql-d"));
    }

    @Test
    void psqlDescribeTableFindsTheTableAndItsFlags() throws IOException {
        for (String table : List.of("customers", "orders")) {
            Map<String, Object> c = one("pg_class", r -> ((String) r.get("relname")).matches("^(" + table + ")$")
                    && Boolean.TRUE.equals(f.call("pg_table_is_visible", r.get("oid"))));
            assertThat(List.of(line(c.get("oid"), namespace(c.get("relnamespace")).get("nspname"), c.get("relname"))))
                    .isEqualTo(expected("psql-d-" + table + "-01"));
            Object amname = one("pg_am", am -> am.get("oid").equals(c.get("relam"))).get("amname");
            Object reloftype = ((Long) c.get("reloftype")) == 0 ? "" : f.call("regtypeout", c.get("reloftype"));
            assertThat(List.of(line(c.get("relchecks"), c.get("relkind"), c.get("relhasindex"), c.get("relhasrules"),
                    c.get("relhastriggers"), c.get("relrowsecurity"), c.get("relforcerowsecurity"), false,
                    c.get("relispartition"), "", c.get("reltablespace"), reloftype, c.get("relpersistence"),
                    c.get("relreplident"), amname))).isEqualTo(expected("psql-d-" + table + "-02"));
        }
    }

    @Test
    void psqlDescribeTableColumns() throws IOException {
        for (String table : List.of("customers", "orders")) {
            long oid = table.equals("customers") ? f.oid(f.customers) : f.oid(f.orders);
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> a : f.pg("pg_attribute", a -> a.get("attrelid").equals(oid)
                    && (Short) a.get("attnum") > 0 && !(Boolean) a.get("attisdropped"))) {
                Object def = !(Boolean) a.get("atthasdef") ? null : f.pg("pg_attrdef", d -> d.get("adrelid")
                        .equals(oid) && d.get("adnum").equals(a.get("attnum"))).stream()
                        .map(d -> f.call("pg_get_expr", d.get("adbin"), d.get("adrelid"), true)).findFirst().orElse(null);
                Map<String, Object> type = one("pg_type", t -> t.get("oid").equals(a.get("atttypid")));
                Object collation = a.get("attcollation").equals(type.get("typcollation")) ? null
                        : one("pg_collation", c -> c.get("oid").equals(a.get("attcollation"))).get("collname");
                rows.add(line(a.get("attname"), f.call("format_type", a.get("atttypid"), a.get("atttypmod")), def,
                        a.get("attnotnull"), collation, a.get("attidentity"), a.get("attgenerated")));
            }
            assertThat(rows).isEqualTo(expected("psql-d-" + table + "-03"));
        }
    }

    @Test
    void psqlDescribeTableIndexes() throws IOException {
        for (String table : List.of("customers", "orders")) {
            long oid = table.equals("customers") ? f.oid(f.customers) : f.oid(f.orders);
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> i : f.pg("pg_index", i -> i.get("indrelid").equals(oid))) {
                Map<String, Object> c2 = one("pg_class", c -> c.get("oid").equals(i.get("indexrelid")));
                Map<String, Object> con = one("pg_constraint", c -> c.get("conrelid").equals(oid)
                        && c.get("conindid").equals(i.get("indexrelid")) && List.of("p", "u", "x").contains(c.get("contype")));
                rows.add(line(c2.get("relname"), i.get("indisprimary"), i.get("indisunique"), i.get("indisclustered"),
                        i.get("indisvalid"), f.call("pg_get_indexdef", i.get("indexrelid"), 0, true),
                        f.call("pg_get_constraintdef", con.get("oid"), true), con.get("contype"),
                        con.get("condeferrable"), con.get("condeferred"), i.get("indisreplident"),
                        c2.get("reltablespace")));
            }
            assertThat(rows).isEqualTo(expected("psql-d-" + table + "-04"));
        }
    }

    @Test
    void psqlDescribeTableFootersAreEmpty() throws IOException {
        long oid = f.oid(f.customers);
        assertThat(f.pg("pg_constraint", c -> c.get("conrelid").equals(oid) && c.get("contype").equals("f"))).isEmpty();
        assertThat(f.pg("pg_constraint", c -> c.get("confrelid").equals(oid) && c.get("contype").equals("f"))).isEmpty();
        assertThat(f.pg("pg_policy", p -> p.get("polrelid").equals(oid))).isEmpty();
        assertThat(f.pg("pg_statistic_ext", s -> s.get("stxrelid").equals(oid))).isEmpty();
        assertThat(f.pg("pg_publication", p -> true)).isEmpty();
        assertThat(f.pg("pg_trigger", t -> t.get("tgrelid").equals(oid))).isEmpty();
        assertThat(f.pg("pg_inherits", i -> i.get("inhrelid").equals(oid) || i.get("inhparent").equals(oid))).isEmpty();
        for (int query = 5; query <= 12; query++) {
            assertThat(expected(String.format("psql-d-customers-%02d", query))).isEmpty();
        }
    }

    @Test
    void psqlListsDatabasesAndRoles() throws IOException {
        List<String> databases = f.pg("pg_database", d -> true).stream().map(d -> line(d.get("datname"),
                f.call("pg_get_userbyid", d.get("datdba")), f.call("pg_encoding_to_char", d.get("encoding")),
                d.get("datcollate"), d.get("datctype"), d.get("daticulocale"),
                d.get("datlocprovider").equals("c") ? "libc" : "icu", d.get("datacl"))).toList();
        assertThat(databases).isEqualTo(expected("psql-l"));
        List<String> roles = f.pg("pg_roles", r -> !((String) r.get("rolname")).matches("^pg_.*")).stream()
                .map(r -> line(r.get("rolname"), r.get("rolsuper"), r.get("rolinherit"), r.get("rolcreaterole"),
                        r.get("rolcreatedb"), r.get("rolcanlogin"), r.get("rolconnlimit"), r.get("rolvaliduntil"),
                        f.pg("pg_auth_members", m -> m.get("member").equals(r.get("oid"))).stream()
                                .map(m -> m.get("roleid")).toList(), r.get("rolreplication"), r.get("rolbypassrls")))
                .toList();
        assertThat(roles).isEqualTo(expected("psql-du"));
    }

    @Test
    void pgjdbcColumnsOfCustomers() throws IOException {
        long oid = f.oid(f.customers);
        Map<String, Object> c = one("pg_class", r -> r.get("oid").equals(oid));
        List<String> rows = new ArrayList<>();
        long number = 0;
        for (Map<String, Object> a : f.pg("pg_attribute", a -> a.get("attrelid").equals(oid)
                && (Short) a.get("attnum") > 0)) {
            Map<String, Object> t = one("pg_type", ty -> ty.get("oid").equals(a.get("atttypid")));
            Object adsrc = f.pg("pg_attrdef", d -> d.get("adrelid").equals(oid) && d.get("adnum").equals(a.get("attnum")))
                    .stream().map(d -> f.call("pg_get_expr", d.get("adbin"), d.get("adrelid"))).findFirst().orElse(null);
            boolean notNull = (Boolean) a.get("attnotnull") || (t.get("typtype").equals("d") && (Boolean) t.get("typnotnull"));
            rows.add(line(f.call("current_database"), namespace(c.get("relnamespace")).get("nspname"), c.get("relname"),
                    a.get("attname"), a.get("atttypid"), notNull, a.get("atttypmod"), a.get("attlen"),
                    t.get("typtypmod"), ++number, nullIfEmpty(a.get("attidentity")), nullIfEmpty(a.get("attgenerated")),
                    adsrc, null, t.get("typbasetype"), t.get("typtype")));
        }
        assertThat(rows).isEqualTo(expected("pgjdbc-get-columns"));
    }

    private static Object nullIfEmpty(Object value) {
        return "".equals(value) ? null : value;
    }

    @Test
    void pgjdbcResultSetMetaDataColumnInfo() throws IOException {
        long oid = f.oid(f.customers);
        List<String> rows = new ArrayList<>();
        for (short attnum = 1; attnum <= 3; attnum++) {
            short number = attnum;
            Map<String, Object> a = one("pg_attribute", x -> x.get("attrelid").equals(oid) && x.get("attnum").equals(number));
            Object def = f.pg("pg_attrdef", d -> d.get("adrelid").equals(oid) && d.get("adnum").equals(number)).stream()
                    .map(d -> f.call("pg_get_expr", d.get("adbin"), d.get("adrelid"))).findFirst().orElse(null);
            Boolean autoIncrement = !a.get("attidentity").equals("") ? Boolean.TRUE
                    : def == null ? null : Boolean.valueOf(((String) def).contains("nextval("));
            rows.add(line(oid, a.get("attnum"), a.get("attname"), "customers", "public", a.get("attnotnull"),
                    autoIncrement));
        }
        assertThat(rows).isEqualTo(expected("pgjdbc-rsmd-column-info"));
    }

    @Test
    void pgjdbcTablesCatalogAndPrimaryKeys() throws IOException {
        List<String> tables = f.pg("pg_class", c -> c.get("relkind").equals("r")).stream()
                .filter(c -> namespace(c.get("relnamespace")).get("nspname").equals("public"))
                .map(c -> line(f.call("current_database"), "public", c.get("relname"), "TABLE", null, "", "", "", "", ""))
                .sorted().toList();
        assertThat(tables).isEqualTo(expected("pgjdbc-get-tables"));
        assertThat(List.of(line(f.call("current_catalog")))).isEqualTo(expected("pgjdbc-current-catalog"));
        long orders = f.oid(f.orders);
        Map<String, Object> con = one("pg_constraint", c -> c.get("conrelid").equals(orders) && c.get("contype").equals("p"));
        List<?> keys = (List<?>) con.get("conkey");
        List<String> rows = new ArrayList<>();
        for (int n = 1; n <= keys.size(); n++) {
            Object x = keys.get(n - 1);
            for (Map<String, Object> a : f.pg("pg_attribute", a -> a.get("attrelid").equals(orders) && a.get("attnum").equals(x))) {
                rows.add(line(f.call("current_database"), "public", "orders", a.get("attname"), n, con.get("conname")));
            }
        }
        assertThat(rows).isEqualTo(expected("pgjdbc-get-primary-keys"));
    }

    @Test
    void pgbenchFindsItsAccountsTableUnpartitioned() throws IOException {
        f.catalog.create("pgbench_accounts", List.of(new io.tessera.cluster.api.ColumnDescriptor(1, "aid",
                io.tessera.common.types.SqlType.INT4, true, null, false)), List.of(0));
        Map<String, Object> c = one("pg_class", r -> r.get("relname").equals("pgbench_accounts"));
        Object n = f.call("array_position", f.call("current_schemas", true), namespace(c.get("relnamespace")).get("nspname"));
        Object partstrat = f.pg("pg_partitioned_table", p -> p.get("partrelid").equals(c.get("oid"))).stream()
                .map(p -> p.get("partstrat")).findFirst().orElse(null);
        long inheritors = f.pg("pg_inherits", i -> i.get("inhparent").equals(c.get("oid"))).size();
        assertThat(List.of(line(n, partstrat, inheritors))).isEqualTo(expected("pgbench-partition-check"));
    }

    @Test
    void pgjdbcTypeInfoOfInterval() throws IOException {
        Map<String, Object> t = one("pg_type", x -> x.get("oid").equals(1186L));
        Object nspname = namespace(t.get("typnamespace")).get("nspname");
        boolean onPath = ((List<?>) f.call("current_schemas", true)).contains(nspname);
        assertThat(List.of(line(onPath, nspname, t.get("typname")))).isEqualTo(expected("pgjdbc-type-info-1"));
        boolean isArray = t.get("typinput").equals(f.call("regprocin", "pg_catalog.array_in"));
        assertThat(List.of(line(isArray, t.get("typtype"), t.get("typname"), t.get("oid"))))
                .isEqualTo(expected("pgjdbc-type-info-2"));
    }
}
