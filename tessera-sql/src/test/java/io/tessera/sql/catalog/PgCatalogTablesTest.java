package io.tessera.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.sql.spi.Oids;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** pg_class, pg_attribute, pg_index, pg_constraint, pg_attrdef, pg_type as PostgreSQL 15 shows customers. */
class PgCatalogTablesTest {
    private final CatalogFixture f = new CatalogFixture();
    private final long customers = f.oid(f.customers);

    private Map<String, Object> only(List<Map<String, Object>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void pgClassDescribesTheTableAsPsqlQueryTwoReadsIt() {
        Map<String, Object> c = only(f.pg("pg_class", r -> r.get("oid").equals(customers)));
        // psql \d customers, query 2 (capture: 0 | r | t | f | t | f | f | f | f | '' | 0 | '' | p | d | heap),
        // relhastriggers is t there only because of orders' foreign key, which Tessera cannot declare.
        assertThat(c).containsEntry("relname", "customers").containsEntry("relnamespace", 2200L)
                .containsEntry("relchecks", (short) 0).containsEntry("relkind", "r").containsEntry("relhasindex", true)
                .containsEntry("relhasrules", false).containsEntry("relhastriggers", false)
                .containsEntry("relrowsecurity", false).containsEntry("relforcerowsecurity", false)
                .containsEntry("relispartition", false).containsEntry("reltablespace", 0L)
                .containsEntry("reloftype", 0L).containsEntry("relpersistence", "p").containsEntry("relreplident", "d")
                .containsEntry("relam", 2L).containsEntry("relowner", 10L).containsEntry("relnatts", (short) 4)
                .containsEntry("reltype", (long) Oids.tableRowTypeOid(f.customers.id()))
                .containsEntry("reltoastrelid", 0L).containsEntry("relpartbound", null);
        Map<String, Object> am = only(f.pg("pg_am", r -> r.get("oid").equals(c.get("relam"))));
        assertThat(am).containsEntry("amname", "heap");
    }

    @Test
    void primaryKeyIndexAndSequenceAreRelationsToo() {
        Map<String, Object> index = only(f.pg("pg_class", r -> r.get("relname").equals("customers_pkey")));
        assertThat(index).containsEntry("oid", (long) Oids.primaryKeyIndexOid(f.customers.id()))
                .containsEntry("relkind", "i").containsEntry("relam", 403L).containsEntry("relhasindex", false)
                .containsEntry("relnatts", (short) 1).containsEntry("reltype", 0L);
        Map<String, Object> sequence = only(f.pg("pg_class", r -> r.get("relname").equals("customers_id_seq")));
        assertThat(sequence).containsEntry("relkind", "S").containsEntry("relnamespace", 2200L)
                .containsEntry("relam", 0L);
        assertThat(f.pg("pg_class", r -> r.get("relname").equals("events_pkey"))).isEmpty();
        assertThat(only(f.pg("pg_class", r -> r.get("relname").equals("events")))).containsEntry("relhasindex", false);
    }

    @Test
    void userViewsAreRelationsOfKindVWithTheirDefinition() {
        var view = f.catalog.createView(new io.tessera.cluster.api.ViewDescriptor(0, "big_customers",
                "SELECT id FROM customers WHERE id > 10", List.of(new io.tessera.cluster.api.ColumnDescriptor(1, "id",
                        SqlType.INT4, false, null, false)), List.of("customers")), false);
        long oid = Oids.tableOid(view.id());
        assertThat(only(f.pg("pg_class", r -> r.get("relname").equals("big_customers"))))
                .containsEntry("oid", oid).containsEntry("relkind", "v").containsEntry("relnamespace", 2200L)
                .containsEntry("relam", 0L).containsEntry("relnatts", (short) 1);
        assertThat(only(f.pg("pg_attribute", r -> r.get("attrelid").equals(oid) && (short) r.get("attnum") > 0)))
                .containsEntry("attname", "id").containsEntry("atttypid", 23L);
        assertThat(only(f.pg("pg_views", r -> r.get("viewname").equals("big_customers"))))
                .containsEntry("schemaname", "public").containsEntry("definition", " SELECT id FROM customers WHERE id > 10;");
        assertThat(only(f.rows("information_schema", "tables", r -> r.get("table_name").equals("big_customers"))))
                .containsEntry("table_type", "VIEW");
        assertThat(f.call("pg_get_viewdef", oid)).isEqualTo(" SELECT id FROM customers WHERE id > 10;");
    }

    @Test
    void checkConstraintsAreInPgConstraintAndCountedInRelchecks() {
        var t = f.catalog.createTable(new io.tessera.cluster.api.TableSpec("acct", List.of(
                new io.tessera.cluster.api.ColumnDescriptor(1, "id", SqlType.INT4, true, null, false),
                new io.tessera.cluster.api.ColumnDescriptor(2, "balance", SqlType.INT4, false, null, false)), List.of(0), 1,
                List.of(new io.tessera.cluster.api.CheckConstraint("acct_balance_check", "balance >= 0"))));
        long oid = Oids.tableOid(t.id());
        assertThat(only(f.pg("pg_class", r -> r.get("oid").equals(oid)))).containsEntry("relchecks", (short) 1);
        Map<String, Object> c = only(f.pg("pg_constraint", r -> r.get("conrelid").equals(oid) && r.get("contype").equals("c")));
        assertThat(c).containsEntry("conname", "acct_balance_check").containsEntry("conkey", List.of((short) 2));
        assertThat(f.call("pg_get_constraintdef", c.get("oid"), true)).isEqualTo("CHECK (balance >= 0)");
        assertThat(f.call("pg_get_constraintdef", c.get("oid"))).isEqualTo("CHECK ((balance >= 0))");
    }

    @Test
    void systemTablesAreListedUnderTheirPostgresOids() {
        assertThat(only(f.pg("pg_class", r -> r.get("relname").equals("pg_class"))))
                .containsEntry("oid", 1259L).containsEntry("relnamespace", 11L).containsEntry("relkind", "r");
        assertThat(only(f.pg("pg_class", r -> r.get("relname").equals("pg_roles")))).containsEntry("relkind", "v");
        assertThat(only(f.pg("pg_class", r -> r.get("relname").equals("columns"))))
                .containsEntry("relnamespace", (long) Oids.INFORMATION_SCHEMA_NAMESPACE);
    }

    @Test
    void theModelIsReusedUntilTheCatalogChanges() {
        CatalogSnapshot first = f.provider.snapshot(f.context);
        assertThat(f.provider.snapshot(f.context).relations()).isSameAs(first.relations());
        f.catalog.createSequence("late_seq");
        assertThat(f.pg("pg_class", r -> r.get("relname").equals("late_seq"))).hasSize(1);
        assertThat(f.provider.snapshot(f.context).relations()).isNotSameAs(first.relations());
    }

    @Test
    void siblingProvidersTablesAreListedAndResolvable() {
        io.tessera.sql.spi.SystemTable nodes = new io.tessera.sql.spi.SystemTable() {
            @Override public String schema() { return "tessera"; }
            @Override public String name() { return "nodes"; }
            @Override public int oid() { return 13200; }
            @Override public List<io.tessera.sql.spi.SystemColumn> columns() {
                return List.of(new io.tessera.sql.spi.SystemColumn("node_id", SqlType.INT8));
            }
            @Override public List<Object[]> rows(io.tessera.sql.spi.SystemContext context) { return List.of(); }
        };
        io.tessera.sql.spi.SystemCatalogProvider sibling = new io.tessera.sql.spi.SystemCatalogProvider() {
            @Override public List<io.tessera.sql.spi.SystemTable> tables() { return List.of(nodes); }
            @Override public List<io.tessera.sql.spi.SqlFunction> functions() { return List.of(); }
        };
        PgCatalogProvider provider = new PgCatalogProvider(CatalogFixture.START, List.of(sibling));
        CatalogSnapshot snapshot = provider.snapshot(f.context);
        assertThat(snapshot.relation(13200)).get().extracting(r -> r.namespace().name() + "." + r.name())
                .isEqualTo("tessera.nodes");
        assertThat(provider.tables()).doesNotContain(nodes);
        assertThat(RegFunctions.regclassOut(snapshot, 13200)).isEqualTo("tessera.nodes");
    }

    @Test
    void pgAttributeNumbersVisibleColumnsWithTypesAndModifiers() {
        List<Map<String, Object>> attributes = f.pg("pg_attribute", r -> r.get("attrelid").equals(customers));
        assertThat(attributes).extracting(r -> r.get("attname")).containsExactly("id", "name", "email", "created_at");
        assertThat(attributes).extracting(r -> r.get("attnum"))
                .containsExactly((short) 1, (short) 2, (short) 3, (short) 4);
        assertThat(attributes).extracting(r -> r.get("atttypid")).containsExactly(23L, 25L, 1043L, 1184L);
        assertThat(attributes).extracting(r -> r.get("atttypmod")).containsExactly(-1, -1, 104, -1);
        assertThat(attributes).extracting(r -> r.get("attlen"))
                .containsExactly((short) 4, (short) -1, (short) -1, (short) 8);
        assertThat(attributes).extracting(r -> r.get("attnotnull")).containsExactly(true, true, false, false);
        assertThat(attributes).extracting(r -> r.get("atthasdef")).containsExactly(true, false, false, true);
        assertThat(attributes).extracting(r -> r.get("attidentity")).containsOnly("");
        assertThat(attributes).extracting(r -> r.get("attgenerated")).containsOnly("");
        assertThat(attributes).extracting(r -> r.get("attisdropped")).containsOnly(false);
        assertThat(attributes).extracting(r -> r.get("attcollation")).containsExactly(0L, 100L, 100L, 0L);
    }

    @Test
    void hiddenRowIdIsNoAttribute() {
        long events = f.oid(f.events);
        assertThat(f.pg("pg_attribute", r -> r.get("attrelid").equals(events)))
                .extracting(r -> r.get("attname")).containsExactly("payload");
        assertThat(PgCatalogProvider.attributeNumber(f.events, 0)).isEqualTo(1);
        assertThat(PgCatalogProvider.attributeNumber(f.events, 1)).isZero();
    }

    @Test
    void pgIndexAndPgConstraintDescribeThePrimaryKey() {
        long index = Oids.primaryKeyIndexOid(f.customers.id());
        Map<String, Object> i = only(f.pg("pg_index", r -> r.get("indrelid").equals(customers)));
        assertThat(i).containsEntry("indexrelid", index).containsEntry("indisprimary", true)
                .containsEntry("indisunique", true).containsEntry("indisclustered", false)
                .containsEntry("indisvalid", true).containsEntry("indisreplident", false)
                .containsEntry("indnatts", (short) 1).containsEntry("indkey", List.of((short) 1));
        Map<String, Object> con = only(f.pg("pg_constraint", r -> r.get("conrelid").equals(customers)));
        assertThat(con).containsEntry("conname", "customers_pkey").containsEntry("contype", "p")
                .containsEntry("conindid", index).containsEntry("condeferrable", false)
                .containsEntry("condeferred", false).containsEntry("conparentid", 0L).containsEntry("confrelid", 0L)
                .containsEntry("conkey", List.of((short) 1)).containsEntry("connamespace", 2200L);
        assertThat(f.call("pg_get_constraintdef", con.get("oid"), true)).isEqualTo("PRIMARY KEY (id)");
        assertThat(f.call("pg_get_indexdef", index, 0, true))
                .isEqualTo("CREATE UNIQUE INDEX customers_pkey ON customers USING btree (id)");
    }

    @Test
    void expressionKeyPartsShowAsPostgreSqlPrintsThem() {
        TableDescriptor t = f.catalog.addIndex("customers", "customers_lower_email", List.of(0, 1), List.of(), true,
                List.of(new io.tessera.cluster.api.IndexExpression("lower(email)", io.tessera.common.types.SqlType.TEXT,
                        List.of(3))));
        f.catalog.addIndex("customers", "customers_expr_idx", List.of(0), List.of(), false,
                List.of(new io.tessera.cluster.api.IndexExpression("id * 2", io.tessera.common.types.SqlType.INT4,
                        List.of(1))));
        long lower = Oids.tableOid(t.indexes().get(0).id());
        assertThat(only(f.pg("pg_index", r -> r.get("indexrelid").equals(lower))))
                .containsEntry("indkey", List.of((short) 0, (short) 1)).containsEntry("indnkeyatts", (short) 2);
        assertThat(f.call("pg_get_indexdef", lower, 0, true))
                .isEqualTo("CREATE UNIQUE INDEX customers_lower_email ON customers USING btree (lower(email), id)");
        assertThat(f.call("pg_get_indexdef", lower, 1, false)).isEqualTo("lower(email)");
        assertThat(f.pg("pg_attribute", r -> r.get("attrelid").equals(lower))).extracting(r -> r.get("attname"))
                .containsExactly("expr", "id");
        assertThat(f.rows("pg_catalog", "pg_indexes", r -> r.get("tablename").equals("customers")))
                .extracting(r -> r.get("indexdef")).contains(
                        "CREATE INDEX customers_expr_idx ON public.customers USING btree ((id * 2))");
    }

    @Test
    void secondaryIndexesAreIndexRelationsWithoutConstraints() {
        TableDescriptor t = f.catalog.addIndex("customers", "customers_email", List.of(3), List.of(2), true);
        f.catalog.addIndex("customers", "customers_created_idx", List.of(4), List.of(), false);
        long email = Oids.tableOid(t.indexes().get(0).id());
        Map<String, Object> i = only(f.pg("pg_index", r -> r.get("indexrelid").equals(email)));
        assertThat(i).containsEntry("indrelid", customers).containsEntry("indisprimary", false)
                .containsEntry("indisunique", true).containsEntry("indnatts", (short) 2)
                .containsEntry("indnkeyatts", (short) 1).containsEntry("indkey", List.of((short) 3, (short) 2));
        assertThat(f.pg("pg_index", r -> r.get("indrelid").equals(customers))).hasSize(3);
        assertThat(only(f.pg("pg_class", r -> r.get("oid").equals(email))))
                .containsEntry("relname", "customers_email").containsEntry("relkind", "i");
        assertThat(only(f.pg("pg_class", r -> r.get("oid").equals(customers)))).containsEntry("relhasindex", true);
        assertThat(f.pg("pg_constraint", r -> r.get("conrelid").equals(customers))).hasSize(1);
        assertThat(f.call("pg_get_indexdef", email, 0, true))
                .isEqualTo("CREATE UNIQUE INDEX customers_email ON customers USING btree (email) INCLUDE (name)");
        assertThat(f.call("pg_get_indexdef", email, 2, false)).isEqualTo("name");
        assertThat(f.rows("pg_catalog", "pg_indexes", r -> r.get("tablename").equals("customers")))
                .extracting(r -> r.get("indexdef")).contains(
                        "CREATE INDEX customers_created_idx ON public.customers USING btree (created_at)");
    }

    @Test
    void pgAttrdefHoldsDefaultsAsPgGetExprPrintsThem() {
        List<Map<String, Object>> defaults = f.pg("pg_attrdef", r -> r.get("adrelid").equals(customers));
        assertThat(defaults).extracting(r -> r.get("adnum")).containsExactly((short) 1, (short) 4);
        assertThat(defaults).extracting(r -> f.call("pg_get_expr", r.get("adbin"), r.get("adrelid"), true))
                .containsExactly("nextval('customers_id_seq'::regclass)", "now()");
    }

    @Test
    void pgTypeHasPostgresRowsForEveryTypeKind() {
        for (TypeKind kind : TypeKind.values()) {
            List<Map<String, Object>> rows = f.pg("pg_type", r -> r.get("oid").equals((long) kind.oid()));
            assertThat(rows).as("pg_type row for %s", kind).hasSize(1);
            assertThat(rows.get(0).get("typlen")).as("typlen of %s", kind).isEqualTo((short) kind.byteLength());
            assertThat(f.call("format_type", (long) kind.oid(), null)).as("format_type of %s", kind)
                    .isEqualTo(kind == TypeKind.BPCHAR ? "character" : kind.sqlName());
        }
    }

    @Test
    void pgTypeRowsMatchPostgres() {
        assertThat(only(f.pg("pg_type", r -> r.get("oid").equals(23L)))).containsEntry("typname", "int4")
                .containsEntry("typnamespace", 11L).containsEntry("typtype", "b").containsEntry("typcategory", "N")
                .containsEntry("typbyval", true).containsEntry("typarray", 1007L).containsEntry("typelem", 0L)
                .containsEntry("typinput", 42L).containsEntry("typalign", "i").containsEntry("typbasetype", 0L)
                .containsEntry("typnotnull", false).containsEntry("typtypmod", -1).containsEntry("typrelid", 0L);
        assertThat(only(f.pg("pg_type", r -> r.get("oid").equals(1007L)))).containsEntry("typname", "_int4")
                .containsEntry("typelem", 23L).containsEntry("typcategory", "A").containsEntry("typinput", 750L);
        assertThat(only(f.pg("pg_type", r -> r.get("oid").equals(1186L)))).containsEntry("typname", "interval")
                .containsEntry("typtype", "b").containsEntry("typlen", (short) 16);
        assertThat(only(f.pg("pg_type", r -> r.get("oid").equals(25L)))).containsEntry("typcollation", 100L);
        assertThat(only(f.pg("pg_type", r -> r.get("typname").equals("customers")))).containsEntry("typtype", "c")
                .containsEntry("typrelid", customers).containsEntry("typnamespace", 2200L);
        assertThat(f.call("regprocin", "pg_catalog.array_in")).isEqualTo(750L);
    }

    @Test
    void sequencesAreBigintSequencesOwnedByTheirColumn() {
        Map<String, Object> sequence = only(f.pg("pg_class", r -> r.get("relname").equals("orders_id_seq")));
        assertThat(only(f.pg("pg_sequence", r -> r.get("seqrelid").equals(sequence.get("oid")))))
                .containsEntry("seqtypid", 20L).containsEntry("seqstart", 1L).containsEntry("seqincrement", 1L);
        assertThat(f.call("pg_get_serial_sequence", "orders", "id")).isEqualTo("public.orders_id_seq");
        assertThat(f.call("pg_get_serial_sequence", "orders", "note")).isNull();
    }

    @Test
    void pgDependTiesSequencesIndexesAndDefaultsToTheirColumns() {
        Map<String, Object> sequence = only(f.pg("pg_class", r -> r.get("relname").equals("customers_id_seq")));
        // psql's \d customers_id_seq "Owned by" query: deptype 'a' from the sequence to column 1.
        assertThat(only(f.pg("pg_depend", d -> d.get("objid").equals(sequence.get("oid"))))).containsEntry("classid", 1259L)
                .containsEntry("refclassid", 1259L).containsEntry("refobjid", customers).containsEntry("refobjsubid", 1)
                .containsEntry("deptype", "a");
        long index = Oids.primaryKeyIndexOid(f.customers.id());
        assertThat(only(f.pg("pg_depend", d -> d.get("objid").equals(index)))).containsEntry("refclassid", 2606L)
                .containsEntry("deptype", "i");
        assertThat(f.pg("pg_depend", d -> d.get("refobjid").equals(sequence.get("oid"))))
                .extracting(d -> d.get("classid") + ":" + d.get("deptype")).containsExactly("2604:n");
    }

    @Test
    void databaseRoleAndNamespacesAreTessera() {
        assertThat(only(f.pg("pg_database", r -> true))).containsEntry("datname", "tessera").containsEntry("datdba", 10L)
                .containsEntry("encoding", 6).containsEntry("datcollate", "C.UTF-8").containsEntry("datctype", "C.UTF-8")
                .containsEntry("datlocprovider", "c").containsEntry("daticulocale", null).containsEntry("datacl", null);
        assertThat(only(f.pg("pg_roles", r -> true))).containsEntry("rolname", "tessera").containsEntry("oid", 10L)
                .containsEntry("rolsuper", true).containsEntry("rolcanlogin", true).containsEntry("rolconnlimit", -1)
                .containsEntry("rolvaliduntil", null);
        assertThat(f.pg("pg_namespace", r -> true)).extracting(r -> r.get("nspname") + "=" + r.get("oid"))
                .contains("pg_catalog=11", "public=2200", "information_schema=13000", "tessera=13100");
    }

    @Test
    void pgSettingsShowsWhatTheSessionReports() {
        assertThat(f.pg("pg_settings", r -> r.get("name").equals("TimeZone")))
                .extracting(r -> r.get("setting")).containsExactly("Etc/UTC");
        assertThat(f.pg("pg_settings", r -> r.get("name").equals("max_connections"))).isEmpty();
    }

    @Test
    void columnsOfKnownTypesCarryTheirPostgresTypes() {
        assertThat(f.table("pg_catalog", "pg_class").columns()).filteredOn(c -> c.name().equals("relkind"))
                .extracting(c -> c.type()).containsExactly(SqlType.of(TypeKind.CHAR));
        assertThat(f.table("pg_catalog", "pg_index").columns()).filteredOn(c -> c.name().equals("indkey"))
                .extracting(c -> c.type().kind()).containsExactly(TypeKind.INT2_ARRAY);
    }
}
