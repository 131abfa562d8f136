package io.tessera.sql.catalog;

import static io.tessera.common.types.TypeKind.BOOL;
import static io.tessera.common.types.TypeKind.CHAR;
import static io.tessera.common.types.TypeKind.FLOAT4;
import static io.tessera.common.types.TypeKind.INT2;
import static io.tessera.common.types.TypeKind.INT2_ARRAY;
import static io.tessera.common.types.TypeKind.INT4;
import static io.tessera.common.types.TypeKind.INT8;
import static io.tessera.common.types.TypeKind.NAME;
import static io.tessera.common.types.TypeKind.OID;
import static io.tessera.common.types.TypeKind.OID_ARRAY;
import static io.tessera.common.types.TypeKind.TEXT;
import static io.tessera.common.types.TypeKind.TEXT_ARRAY;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableStatistics;
import io.tessera.common.types.SqlType;
import io.tessera.sql.catalog.BuiltinTypes.TypeInfo;
import io.tessera.sql.catalog.CatalogSnapshot.Attribute;
import io.tessera.sql.catalog.CatalogSnapshot.PrimaryKey;
import io.tessera.sql.catalog.CatalogSnapshot.Relation;
import io.tessera.sql.spi.Oids;
import java.util.ArrayList;
import java.util.List;

/**
 * The pg_catalog tables about relations: pg_class, pg_attribute, pg_index, pg_constraint,
 * pg_attrdef, pg_sequence and the views pg_sequences, pg_indexes, pg_tables, pg_stats. Column lists and
 * types are PostgreSQL 15's; xid columns are typed oid and pg_node_tree columns text (Tessera has
 * no such types), int2vector and oidvector columns are int2[] and oid[].
 */
final class RelationTables {
    private static final long SUPERUSER = Oids.SUPERUSER_OID;

    private RelationTables() {}

    static List<VirtualTable> all(PgCatalogProvider owner) {
        return List.of(
                new VirtualTable("pg_catalog", "pg_class", 1259, false, PG_CLASS, RelationTables::pgClass, owner),
                new VirtualTable("pg_catalog", "pg_attribute", 1249, false, PG_ATTRIBUTE, RelationTables::pgAttribute,
                        owner),
                new VirtualTable("pg_catalog", "pg_index", 2610, false, PG_INDEX, RelationTables::pgIndex, owner),
                new VirtualTable("pg_catalog", "pg_constraint", 2606, false, PG_CONSTRAINT, RelationTables::pgConstraint,
                        owner),
                new VirtualTable("pg_catalog", "pg_attrdef", 2604, false, PG_ATTRDEF, RelationTables::pgAttrdef, owner),
                new VirtualTable("pg_catalog", "pg_sequence", 2224, false, PG_SEQUENCE, RelationTables::pgSequence, owner),
                new VirtualTable("pg_catalog", "pg_sequences", 12004, true, PG_SEQUENCES, RelationTables::pgSequences,
                        owner),
                new VirtualTable("pg_catalog", "pg_indexes", 12005, true, PG_INDEXES, RelationTables::pgIndexes, owner),
                new VirtualTable("pg_catalog", "pg_tables", 12006, true, PG_TABLES, RelationTables::pgTables, owner),
                new VirtualTable("pg_catalog", "pg_stats", 12008, true, PG_STATS, RelationTables::pgStats, owner),
                new VirtualTable("pg_catalog", "pg_depend", 2608, false, PG_DEPEND, RelationTables::pgDepend, owner));
    }

    static final TableShape PG_CLASS = TableShape.of("oid", OID, "relname", NAME, "relnamespace", OID, "reltype", OID,
            "reloftype", OID, "relowner", OID, "relam", OID, "relfilenode", OID, "reltablespace", OID, "relpages", INT4,
            "reltuples", FLOAT4, "relallvisible", INT4, "reltoastrelid", OID, "relhasindex", BOOL, "relisshared", BOOL,
            "relpersistence", CHAR, "relkind", CHAR, "relnatts", INT2, "relchecks", INT2, "relhasrules", BOOL,
            "relhastriggers", BOOL, "relhassubclass", BOOL, "relrowsecurity", BOOL, "relforcerowsecurity", BOOL,
            "relispopulated", BOOL, "relreplident", CHAR, "relispartition", BOOL, "relrewrite", OID,
            "relfrozenxid", OID, "relminmxid", OID, "relacl", TEXT_ARRAY, "reloptions", TEXT_ARRAY,
            "relpartbound", TEXT);

    private static List<Object[]> pgClass(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        java.util.Map<Long, Float> tuples = new java.util.HashMap<>();
        for (TableDescriptor t : snapshot.context().catalog().tables()) {
            if (t.statistics() != null) {
                tuples.put((long) Oids.tableOid(t.id()), (float) t.statistics().rowCount());
            }
        }
        java.util.Map<Long, Long> checkCounts = new java.util.HashMap<>();
        snapshot.checks().forEach(c -> checkCounts.merge(c.tableOid(), 1L, Long::sum));
        java.util.Set<Long> indexed = new java.util.HashSet<>();
        snapshot.secondaryIndexes().forEach(i -> indexed.add(i.tableOid()));
        for (Relation r : snapshot.relations()) {
            boolean table = r.kind().equals("r");
            rows.add(shape.row().set("oid", r.oid()).set("relname", r.name()).set("relnamespace", r.namespace().oid())
                    .set("reltype", r.rowType()).set("reloftype", 0L).set("relowner", SUPERUSER)
                    .set("relam", r.accessMethod()).set("relfilenode", r.kind().equals("v") ? 0L : r.oid())
                    .set("reltablespace", 0L).set("relpages", 0).set("reltuples", tuples.getOrDefault(r.oid(), -1f)).set("relallvisible", 0)
                    .set("reltoastrelid", 0L).set("relhasindex", table && (r.primaryKey() != null || indexed.contains(r.oid())))
                    .set("relisshared", false).set("relpersistence", "p").set("relkind", r.kind())
                    .set("relnatts", (short) r.attributes().size()).set("relchecks", checkCounts.getOrDefault(r.oid(), 0L).shortValue())
                    .set("relhasrules", false).set("relhastriggers", false).set("relhassubclass", false)
                    .set("relrowsecurity", false).set("relforcerowsecurity", false).set("relispopulated", true)
                    .set("relreplident", table ? "d" : "n").set("relispartition", false).set("relrewrite", 0L)
                    .set("relfrozenxid", 0L).set("relminmxid", 0L).build());
        }
        return rows;
    }

    static final TableShape PG_ATTRIBUTE = TableShape.of("attrelid", OID, "attname", NAME, "atttypid", OID,
            "attstattarget", INT4, "attlen", INT2, "attnum", INT2, "attndims", INT4, "attcacheoff", INT4,
            "atttypmod", INT4, "attbyval", BOOL, "attalign", CHAR, "attstorage", CHAR, "attcompression", CHAR,
            "attnotnull", BOOL, "atthasdef", BOOL, "atthasmissing", BOOL, "attidentity", CHAR, "attgenerated", CHAR,
            "attisdropped", BOOL, "attislocal", BOOL, "attinhcount", INT4, "attcollation", OID,
            "attacl", TEXT_ARRAY, "attoptions", TEXT_ARRAY, "attfdwoptions", TEXT_ARRAY, "attmissingval", TEXT_ARRAY);

    private static List<Object[]> pgAttribute(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : snapshot.relations()) {
            for (Attribute a : r.attributes()) {
                TypeInfo type = typeOf(a.type());
                rows.add(shape.row().set("attrelid", r.oid()).set("attname", a.name()).set("atttypid", type.oid())
                        .set("attstattarget", -1).set("attlen", (short) type.length()).set("attnum", a.number())
                        .set("attndims", a.type().kind().isArray() ? 1 : 0).set("attcacheoff", -1)
                        .set("atttypmod", a.type().typmod()).set("attbyval", type.byValue())
                        .set("attalign", type.align()).set("attstorage", type.storage()).set("attcompression", "")
                        .set("attnotnull", a.notNull()).set("atthasdef", a.defaultText() != null)
                        .set("atthasmissing", false).set("attidentity", "").set("attgenerated", "")
                        .set("attisdropped", false).set("attislocal", true).set("attinhcount", 0)
                        .set("attcollation", type.collation()).build());
            }
        }
        return rows;
    }

    /** The pg_type row of a column type; every TypeKind has one (checked by the tests). */
    static TypeInfo typeOf(SqlType type) {
        TypeInfo info = BuiltinTypes.byOid(type.oid());
        if (info == null) {
            throw new IllegalStateException("no pg_type row for " + type.kind());
        }
        return info;
    }

    static final TableShape PG_INDEX = TableShape.of("indexrelid", OID, "indrelid", OID, "indnatts", INT2,
            "indnkeyatts", INT2, "indisunique", BOOL, "indnullsnotdistinct", BOOL, "indisprimary", BOOL,
            "indisexclusion", BOOL, "indimmediate", BOOL, "indisclustered", BOOL, "indisvalid", BOOL,
            "indcheckxmin", BOOL, "indisready", BOOL, "indislive", BOOL, "indisreplident", BOOL, "indkey", INT2_ARRAY,
            "indcollation", OID_ARRAY, "indclass", OID_ARRAY, "indoption", INT2_ARRAY, "indexprs", TEXT,
            "indpred", TEXT);

    private static List<Object[]> pgIndex(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        List<PrimaryKey> indexes = new ArrayList<>(primaryKeys(snapshot));
        indexes.addAll(snapshot.secondaryIndexes());
        for (PrimaryKey key : indexes) {
            short keyCount = (short) key.columns().size();
            short count = (short) (keyCount + key.include().size());
            List<Long> collations = key.columns().stream().map(a -> typeOf(a.type()).collation()).toList();
            // Operator classes are not modelled: 0 stands for "the type's default btree class".
            List<Long> classes = key.columns().stream().map(a -> 0L).toList();
            List<Short> options = key.columns().stream().map(a -> (short) 0).toList();
            rows.add(shape.row().set("indexrelid", key.indexOid()).set("indrelid", key.tableOid())
                    .set("indnatts", count).set("indnkeyatts", keyCount).set("indisunique", key.unique())
                    .set("indnullsnotdistinct", false).set("indisprimary", key.primary()).set("indisexclusion", false)
                    .set("indimmediate", true).set("indisclustered", false).set("indisvalid", true)
                    .set("indcheckxmin", false).set("indisready", true).set("indislive", true)
                    .set("indisreplident", false).set("indkey", keyNumbers(key)).set("indcollation", collations)
                    .set("indclass", classes).set("indoption", options).build());
        }
        return rows;
    }

    static List<PrimaryKey> primaryKeys(CatalogSnapshot snapshot) {
        return snapshot.relations().stream().filter(r -> r.kind().equals("r") && r.primaryKey() != null)
                .map(Relation::primaryKey).toList();
    }

    private static List<Short> keyNumbers(PrimaryKey key) {
        List<Short> numbers = new ArrayList<>(key.columns().stream().map(Attribute::number).toList());
        key.include().forEach(a -> numbers.add(a.number()));
        return numbers;
    }

    static final TableShape PG_CONSTRAINT = TableShape.of("oid", OID, "conname", NAME, "connamespace", OID,
            "contype", CHAR, "condeferrable", BOOL, "condeferred", BOOL, "convalidated", BOOL, "conrelid", OID,
            "contypid", OID, "conindid", OID, "conparentid", OID, "confrelid", OID, "confupdtype", CHAR,
            "confdeltype", CHAR, "confmatchtype", CHAR, "conislocal", BOOL, "coninhcount", INT4, "connoinherit", BOOL,
            "conkey", INT2_ARRAY, "confkey", INT2_ARRAY, "conpfeqop", OID_ARRAY, "conppeqop", OID_ARRAY,
            "conffeqop", OID_ARRAY, "confdelsetcols", INT2_ARRAY, "conexclop", OID_ARRAY, "conbin", TEXT);

    private static List<Object[]> pgConstraint(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (PrimaryKey key : primaryKeys(snapshot)) {
            rows.add(shape.row().set("oid", key.constraintOid()).set("conname", key.name())
                    .set("connamespace", (long) Oids.PUBLIC_NAMESPACE).set("contype", "p").set("condeferrable", false)
                    .set("condeferred", false).set("convalidated", true).set("conrelid", key.tableOid())
                    .set("contypid", 0L).set("conindid", key.indexOid()).set("conparentid", 0L).set("confrelid", 0L)
                    .set("confupdtype", " ").set("confdeltype", " ").set("confmatchtype", " ").set("conislocal", true)
                    .set("coninhcount", 0).set("connoinherit", true).set("conkey", keyNumbers(key)).build());
        }
        for (CatalogSnapshot.Check c : snapshot.checks()) {
            rows.add(shape.row().set("oid", c.oid()).set("conname", c.name())
                    .set("connamespace", (long) Oids.PUBLIC_NAMESPACE).set("contype", "c").set("condeferrable", false)
                    .set("condeferred", false).set("convalidated", true).set("conrelid", c.tableOid())
                    .set("contypid", 0L).set("conindid", 0L).set("conparentid", 0L).set("confrelid", 0L)
                    .set("confupdtype", " ").set("confdeltype", " ").set("confmatchtype", " ").set("conislocal", true)
                    .set("coninhcount", 0).set("connoinherit", false)
                    .set("conkey", c.columns().isEmpty() ? null : c.columns()).set("conbin", c.expression()).build());
        }
        return rows;
    }

    static final TableShape PG_ATTRDEF = TableShape.of("oid", OID, "adrelid", OID, "adnum", INT2, "adbin", TEXT);

    /** adbin holds the deparsed expression itself; pg_get_expr hands it back unchanged. */
    private static List<Object[]> pgAttrdef(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : snapshot.relations()) {
            if (!r.isUserTable()) {
                continue;
            }
            for (Attribute a : r.attributes()) {
                if (a.defaultText() != null) {
                    rows.add(shape.row().set("oid", ObjectIds.attributeDefault(r.oid(), a.number()))
                            .set("adrelid", r.oid()).set("adnum", a.number()).set("adbin", a.defaultText()).build());
                }
            }
        }
        return rows;
    }

    static final TableShape PG_SEQUENCE = TableShape.of("seqrelid", OID, "seqtypid", OID, "seqstart", INT8,
            "seqincrement", INT8, "seqmax", INT8, "seqmin", INT8, "seqcache", INT8, "seqcycle", BOOL);

    /** Tessera sequences are bigint sequences from 1 by 1 without cycling (Catalog.nextval). */
    private static List<Object[]> pgSequence(TableShape shape, CatalogSnapshot snapshot) {
        return sequences(snapshot).stream().map(r -> shape.row().set("seqrelid", r.oid()).set("seqtypid", 20L)
                .set("seqstart", 1L).set("seqincrement", 1L).set("seqmax", Long.MAX_VALUE).set("seqmin", 1L)
                .set("seqcache", 1L).set("seqcycle", false).build()).toList();
    }

    static List<Relation> sequences(CatalogSnapshot snapshot) {
        return snapshot.relations().stream().filter(r -> r.kind().equals("S")).toList();
    }

    static final TableShape PG_SEQUENCES = TableShape.of("schemaname", NAME, "sequencename", NAME,
            "sequenceowner", NAME, "data_type", TEXT, "start_value", INT8, "min_value", INT8, "max_value", INT8,
            "increment_by", INT8, "cycle", BOOL, "cache_size", INT8, "last_value", INT8);

    /** last_value stays NULL: reading it would consume a value, as Catalog only offers nextval. */
    private static List<Object[]> pgSequences(TableShape shape, CatalogSnapshot snapshot) {
        return sequences(snapshot).stream().map(r -> shape.row().set("schemaname", r.namespace().name())
                .set("sequencename", r.name()).set("sequenceowner", CatalogSnapshot.SUPERUSER_NAME)
                .set("data_type", "bigint").set("start_value", 1L).set("min_value", 1L)
                .set("max_value", Long.MAX_VALUE).set("increment_by", 1L).set("cycle", false).set("cache_size", 1L)
                .build()).toList();
    }

    static final TableShape PG_INDEXES = TableShape.of("schemaname", NAME, "tablename", NAME, "indexname", NAME,
            "tablespace", NAME, "indexdef", TEXT);

    private static List<Object[]> pgIndexes(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation table : snapshot.relations()) {
            if (table.kind().equals("r") && table.primaryKey() != null) {
                PrimaryKey key = table.primaryKey();
                rows.add(shape.row().set("schemaname", table.namespace().name()).set("tablename", table.name())
                        .set("indexname", key.name())
                        .set("indexdef", ObjectDefinitions.indexDefinition(key, table, false)).build());
            }
        }
        for (PrimaryKey index : snapshot.secondaryIndexes()) {
            Relation table = snapshot.relation(index.tableOid()).orElseThrow();
            rows.add(shape.row().set("schemaname", table.namespace().name()).set("tablename", table.name())
                    .set("indexname", index.name())
                    .set("indexdef", ObjectDefinitions.indexDefinition(index, table, false)).build());
        }
        return rows;
    }

    static final TableShape PG_TABLES = TableShape.of("schemaname", NAME, "tablename", NAME, "tableowner", NAME,
            "tablespace", NAME, "hasindexes", BOOL, "hasrules", BOOL, "hastriggers", BOOL, "rowsecurity", BOOL);

    private static List<Object[]> pgTables(TableShape shape, CatalogSnapshot snapshot) {
        return snapshot.relations().stream().filter(r -> r.kind().equals("r")).map(r -> shape.row()
                .set("schemaname", r.namespace().name()).set("tablename", r.name())
                .set("tableowner", CatalogSnapshot.SUPERUSER_NAME).set("hasindexes", r.primaryKey() != null
                        || snapshot.secondaryIndexes().stream().anyMatch(i -> i.tableOid() == r.oid()))
                .set("hasrules", false).set("hastriggers", false).set("rowsecurity", false).build()).toList();
    }

    static final TableShape PG_STATS = TableShape.of("schemaname", NAME, "tablename", NAME, "attname", NAME,
            "inherited", BOOL, "null_frac", FLOAT4, "avg_width", INT4, "n_distinct", FLOAT4, "most_common_vals", TEXT_ARRAY,
            "most_common_freqs", TEXT_ARRAY, "histogram_bounds", TEXT_ARRAY, "correlation", FLOAT4);

    /**
     * What ANALYZE found, a row per visible column of each analyzed table. n_distinct follows
     * PostgreSQL: a count, or minus the ratio to the row count when the distinct values are
     * more than a tenth of the rows (they grow with the table). Tessera keeps no most-common
     * values or histograms, so those columns are NULL.
     */
    private static List<Object[]> pgStats(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (TableDescriptor t : snapshot.context().catalog().tables()) {
            TableStatistics s = t.statistics();
            if (s == null) {
                continue;
            }
            for (ColumnDescriptor c : t.columns()) {
                TableStatistics.Column cs = s.column(c.id());
                if (c.hidden() || cs == null) {
                    continue;
                }
                rows.add(shape.row().set("schemaname", "public").set("tablename", t.name()).set("attname", c.name())
                        .set("inherited", false).set("null_frac", (float) cs.nullFraction())
                        .set("avg_width", cs.averageWidth()).set("n_distinct", nDistinct(cs.distinct(), s.rowCount()))
                        .build());
            }
        }
        return rows;
    }

    private static float nDistinct(long distinct, long rows) {
        if (rows > 0 && distinct > rows / 10) {
            return -(float) Math.min(1.0, distinct / (double) rows);
        }
        return distinct;
    }

    static final TableShape PG_DEPEND = TableShape.of("classid", OID, "objid", OID, "objsubid", INT4,
            "refclassid", OID, "refobjid", OID, "refobjsubid", INT4, "deptype", CHAR);

    private static final long PG_CLASS_OID = 1259;
    private static final long PG_CONSTRAINT_OID = 2606;
    private static final long PG_ATTRDEF_OID = 2604;

    /**
     * The dependencies psql reads to print "Owned by" under a sequence and that tools follow from
     * an index to its constraint: a SERIAL column owns its sequence ('a'), a primary-key index is
     * its constraint's implementation ('i'), a constraint and a default depend on their columns
     * ('a') and a default on the sequence it draws from ('n').
     */
    private static List<Object[]> pgDepend(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation sequence : sequences(snapshot)) {
            if (sequence.ownerOfSequence() != null) {
                rows.add(depend(shape, PG_CLASS_OID, sequence.oid(), PG_CLASS_OID, sequence.ownerOfSequence().tableOid(),
                        sequence.ownerOfSequence().column().number(), "a"));
            }
        }
        for (PrimaryKey key : primaryKeys(snapshot)) {
            rows.add(depend(shape, PG_CLASS_OID, key.indexOid(), PG_CONSTRAINT_OID, key.constraintOid(), 0, "i"));
            for (Attribute column : key.columns()) {
                rows.add(depend(shape, PG_CONSTRAINT_OID, key.constraintOid(), PG_CLASS_OID, key.tableOid(),
                        column.number(), "a"));
            }
        }
        for (Relation table : snapshot.relations()) {
            if (table.isUserTable()) {
                rows.addAll(defaultDependencies(shape, snapshot, table));
            }
        }
        return rows;
    }

    private static List<Object[]> defaultDependencies(TableShape shape, CatalogSnapshot snapshot, Relation table) {
        List<Object[]> rows = new ArrayList<>();
        for (Attribute a : table.attributes()) {
            if (a.defaultText() == null) {
                continue;
            }
            long attrdef = ObjectIds.attributeDefault(table.oid(), a.number());
            rows.add(depend(shape, PG_ATTRDEF_OID, attrdef, PG_CLASS_OID, table.oid(), a.number(), "a"));
            DefaultExpressions.sequenceName(a.defaultText()).flatMap(name -> snapshot.relation("public", name))
                    .filter(r -> r.kind().equals("S"))
                    .ifPresent(sequence -> rows.add(depend(shape, PG_ATTRDEF_OID, attrdef, PG_CLASS_OID, sequence.oid(), 0,
                            "n")));
        }
        return rows;
    }

    private static Object[] depend(TableShape shape, long classId, long objectId, long refClassId, long refObjectId,
            int refSubId, String type) {
        return shape.row().set("classid", classId).set("objid", objectId).set("objsubid", 0).set("refclassid", refClassId)
                .set("refobjid", refObjectId).set("refobjsubid", refSubId).set("deptype", type).build();
    }
}
