package io.tessera.sql.catalog;

import static io.tessera.common.types.TypeKind.BOOL;
import static io.tessera.common.types.TypeKind.CHAR;
import static io.tessera.common.types.TypeKind.FLOAT4;
import static io.tessera.common.types.TypeKind.INT2;
import static io.tessera.common.types.TypeKind.INT4;
import static io.tessera.common.types.TypeKind.NAME;
import static io.tessera.common.types.TypeKind.OID;
import static io.tessera.common.types.TypeKind.OID_ARRAY;
import static io.tessera.common.types.TypeKind.TEXT;
import static io.tessera.common.types.TypeKind.TEXT_ARRAY;
import static io.tessera.common.types.TypeKind.TIMESTAMPTZ;

import io.tessera.sql.catalog.BuiltinTypes.TypeInfo;
import io.tessera.sql.catalog.CatalogSnapshot.Namespace;
import io.tessera.sql.catalog.CatalogSnapshot.Relation;
import io.tessera.sql.spi.Oids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pg_catalog tables that are not about one relation: namespaces, types, functions, the
 * database, roles, access methods, tablespaces, collations and settings. Tessera has one database
 * ({@value CatalogSnapshot#DATABASE_NAME}, UTF8, C.UTF-8) and one role, the superuser
 * {@value CatalogSnapshot#SUPERUSER_NAME} with PostgreSQL's bootstrap-superuser OID 10.
 */
final class GlobalTables {
    private static final long SUPERUSER = Oids.SUPERUSER_OID;
    /** PostgreSQL's encoding number for UTF8 (pg_wchar.h PG_UTF8). */
    static final int UTF8_ENCODING = 6;
    static final long DEFAULT_TABLESPACE = 1663;

    private GlobalTables() {}

    static List<VirtualTable> all(PgCatalogProvider owner) {
        return List.of(
                new VirtualTable("pg_catalog", "pg_namespace", 2615, false, PG_NAMESPACE, GlobalTables::pgNamespace,
                        owner),
                new VirtualTable("pg_catalog", "pg_type", 1247, false, PG_TYPE, GlobalTables::pgType, owner),
                new VirtualTable("pg_catalog", "pg_proc", 1255, false, PG_PROC, GlobalTables::pgProc, owner),
                new VirtualTable("pg_catalog", "pg_database", 1262, false, PG_DATABASE, GlobalTables::pgDatabase, owner),
                new VirtualTable("pg_catalog", "pg_roles", 12001, true, PG_ROLES, GlobalTables::pgRoles, owner),
                new VirtualTable("pg_catalog", "pg_user", 12002, true, PG_USER, GlobalTables::pgUser, owner),
                new VirtualTable("pg_catalog", "pg_am", 2601, false, PG_AM, GlobalTables::pgAm, owner),
                new VirtualTable("pg_catalog", "pg_tablespace", 1213, false, PG_TABLESPACE, GlobalTables::pgTablespace,
                        owner),
                new VirtualTable("pg_catalog", "pg_collation", 3456, false, PG_COLLATION, GlobalTables::pgCollation,
                        owner),
                new VirtualTable("pg_catalog", "pg_settings", 12003, true, Settings.SHAPE, Settings::rows, owner));
    }

    static final TableShape PG_NAMESPACE = TableShape.of("oid", OID, "nspname", NAME, "nspowner", OID,
            "nspacl", TEXT_ARRAY);

    private static List<Object[]> pgNamespace(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Namespace n : CatalogSnapshot.NAMESPACES) {
            rows.add(shape.row().set("oid", n.oid()).set("nspname", n.name()).set("nspowner", SUPERUSER).build());
        }
        return rows;
    }

    static final TableShape PG_TYPE = TableShape.of("oid", OID, "typname", NAME, "typnamespace", OID,
            "typowner", OID, "typlen", INT2, "typbyval", BOOL, "typtype", CHAR, "typcategory", CHAR,
            "typispreferred", BOOL, "typisdefined", BOOL, "typdelim", CHAR, "typrelid", OID, "typsubscript", OID,
            "typelem", OID, "typarray", OID, "typinput", OID, "typoutput", OID, "typreceive", OID, "typsend", OID,
            "typmodin", OID, "typmodout", OID, "typanalyze", OID, "typalign", CHAR, "typstorage", CHAR,
            "typnotnull", BOOL, "typbasetype", OID, "typtypmod", INT4, "typndims", INT4, "typcollation", OID,
            "typdefaultbin", TEXT, "typdefault", TEXT, "typacl", TEXT_ARRAY);

    /**
     * Built-in types, then the row type of every table (typtype 'c'). typinput and typoutput are
     * regproc in PostgreSQL: here the OIDs of the pg_proc rows. Receive, send, typmod and analyze
     * functions are not listed in pg_proc and show as 0.
     */
    private static List<Object[]> pgType(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (TypeInfo t : BuiltinTypes.all()) {
            rows.add(typeRow(shape, t, Oids.PG_CATALOG_NAMESPACE, 0));
        }
        for (Relation r : snapshot.relations()) {
            if (r.rowType() != 0) {
                TypeInfo rowType = new TypeInfo(r.rowType(), r.name(), -1, false, "c", "C", false, 0, 0, "record_in",
                        "record_out", "d", "x", 0);
                rows.add(typeRow(shape, rowType, r.namespace().oid(), r.oid()));
            }
        }
        return rows;
    }

    private static Object[] typeRow(TableShape shape, TypeInfo t, long namespace, long relation) {
        return shape.row().set("oid", t.oid()).set("typname", t.name()).set("typnamespace", namespace)
                .set("typowner", SUPERUSER).set("typlen", (short) t.length()).set("typbyval", t.byValue())
                .set("typtype", t.typtype()).set("typcategory", t.category()).set("typispreferred", t.preferred())
                .set("typisdefined", true).set("typdelim", ",").set("typrelid", relation).set("typsubscript", 0L)
                .set("typelem", t.element()).set("typarray", t.array()).set("typinput", BuiltinProcs.oid(t.input()))
                .set("typoutput", BuiltinProcs.oid(t.output())).set("typreceive", 0L).set("typsend", 0L)
                .set("typmodin", 0L).set("typmodout", 0L).set("typanalyze", 0L).set("typalign", t.align())
                .set("typstorage", t.storage()).set("typnotnull", false).set("typbasetype", 0L).set("typtypmod", -1)
                .set("typndims", 0).set("typcollation", t.collation()).build();
    }

    static final TableShape PG_PROC = TableShape.of("oid", OID, "proname", NAME, "pronamespace", OID,
            "proowner", OID, "prolang", OID, "procost", FLOAT4, "prorows", FLOAT4, "provariadic", OID,
            "prosupport", OID, "prokind", CHAR, "prosecdef", BOOL, "proleakproof", BOOL, "proisstrict", BOOL,
            "proretset", BOOL, "provolatile", CHAR, "proparallel", CHAR, "pronargs", INT2, "pronargdefaults", INT2,
            "prorettype", OID, "proargtypes", OID_ARRAY, "proallargtypes", OID_ARRAY, "proargmodes", TEXT_ARRAY,
            "proargnames", TEXT_ARRAY, "proargdefaults", TEXT, "protrftypes", OID_ARRAY, "prosrc", TEXT,
            "probin", TEXT, "prosqlbody", TEXT, "proconfig", TEXT_ARRAY, "proacl", TEXT_ARRAY);

    /** PostgreSQL's language OID for built-in ("internal") functions. */
    private static final long INTERNAL_LANGUAGE = 12;
    private static final long CSTRING = 2275;

    /** The type input/output functions: an input takes cstring and returns its type, an output the reverse. */
    private static List<Object[]> pgProc(TableShape shape, CatalogSnapshot snapshot) {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, Long> proc : BuiltinProcs.all().entrySet()) {
            long[] signature = signature(proc.getKey());
            rows.add(shape.row().set("oid", proc.getValue()).set("proname", proc.getKey())
                    .set("pronamespace", (long) Oids.PG_CATALOG_NAMESPACE).set("proowner", SUPERUSER)
                    .set("prolang", INTERNAL_LANGUAGE).set("procost", 1f).set("prorows", 0f).set("provariadic", 0L)
                    .set("prosupport", 0L).set("prokind", "f").set("prosecdef", false).set("proleakproof", false)
                    .set("proisstrict", true).set("proretset", false).set("provolatile", "s").set("proparallel", "s")
                    .set("pronargs", (short) 1).set("pronargdefaults", (short) 0).set("prorettype", signature[0])
                    .set("proargtypes", List.of(signature[1])).set("prosrc", proc.getKey()).build());
        }
        return rows;
    }

    /** {result type, argument type} of an I/O function, found through the type that names it. */
    private static long[] signature(String proc) {
        if (proc.equals("array_in")) {
            return new long[] {2277, CSTRING};
        }
        if (proc.equals("array_out")) {
            return new long[] {CSTRING, 2277};
        }
        for (TypeInfo t : BuiltinTypes.all()) {
            if (t.input().equals(proc)) {
                return new long[] {t.oid(), CSTRING};
            }
            if (t.output().equals(proc)) {
                return new long[] {CSTRING, t.oid()};
            }
        }
        throw new IllegalStateException("no type uses " + proc);
    }

    static final TableShape PG_DATABASE = TableShape.of("oid", OID, "datname", NAME, "datdba", OID,
            "encoding", INT4, "datlocprovider", CHAR, "datistemplate", BOOL, "datallowconn", BOOL,
            "datconnlimit", INT4, "datfrozenxid", OID, "datminmxid", OID, "dattablespace", OID, "datcollate", TEXT,
            "datctype", TEXT, "daticulocale", TEXT, "datcollversion", TEXT, "datacl", TEXT_ARRAY);

    private static List<Object[]> pgDatabase(TableShape shape, CatalogSnapshot snapshot) {
        return List.<Object[]>of(shape.row().set("oid", (long) Oids.DATABASE_OID).set("datname", snapshot.database())
                .set("datdba", SUPERUSER).set("encoding", UTF8_ENCODING).set("datlocprovider", "c")
                .set("datistemplate", false).set("datallowconn", true).set("datconnlimit", -1).set("datfrozenxid", 0L)
                .set("datminmxid", 1L).set("dattablespace", DEFAULT_TABLESPACE).set("datcollate", "C.UTF-8")
                .set("datctype", "C.UTF-8").build());
    }

    static final TableShape PG_ROLES = TableShape.of("rolname", NAME, "rolsuper", BOOL, "rolinherit", BOOL,
            "rolcreaterole", BOOL, "rolcreatedb", BOOL, "rolcanlogin", BOOL, "rolreplication", BOOL,
            "rolconnlimit", INT4, "rolpassword", TEXT, "rolvaliduntil", TIMESTAMPTZ, "rolbypassrls", BOOL,
            "rolconfig", TEXT_ARRAY, "oid", OID);

    /** The password column of the views is always masked, as in PostgreSQL. */
    private static List<Object[]> pgRoles(TableShape shape, CatalogSnapshot snapshot) {
        return List.<Object[]>of(shape.row().set("rolname", CatalogSnapshot.SUPERUSER_NAME).set("rolsuper", true)
                .set("rolinherit", true).set("rolcreaterole", true).set("rolcreatedb", true).set("rolcanlogin", true)
                .set("rolreplication", true).set("rolconnlimit", -1).set("rolpassword", "********")
                .set("rolbypassrls", true).set("oid", SUPERUSER).build());
    }

    static final TableShape PG_USER = TableShape.of("usename", NAME, "usesysid", OID, "usecreatedb", BOOL,
            "usesuper", BOOL, "userepl", BOOL, "usebypassrls", BOOL, "passwd", TEXT, "valuntil", TIMESTAMPTZ,
            "useconfig", TEXT_ARRAY);

    private static List<Object[]> pgUser(TableShape shape, CatalogSnapshot snapshot) {
        return List.<Object[]>of(shape.row().set("usename", CatalogSnapshot.SUPERUSER_NAME).set("usesysid", SUPERUSER)
                .set("usecreatedb", true).set("usesuper", true).set("userepl", true).set("usebypassrls", true)
                .set("passwd", "********").build());
    }

    static final TableShape PG_AM = TableShape.of("oid", OID, "amname", NAME, "amhandler", OID, "amtype", CHAR);

    /** heap for tables and btree for primary-key indexes, with PostgreSQL's OIDs and handler OIDs. */
    private static List<Object[]> pgAm(TableShape shape, CatalogSnapshot snapshot) {
        return List.of(
                shape.row().set("oid", CatalogSnapshot.HEAP_AM).set("amname", "heap").set("amhandler", 3L)
                        .set("amtype", "t").build(),
                shape.row().set("oid", CatalogSnapshot.BTREE_AM).set("amname", "btree").set("amhandler", 330L)
                        .set("amtype", "i").build());
    }

    static final TableShape PG_TABLESPACE = TableShape.of("oid", OID, "spcname", NAME, "spcowner", OID,
            "spcacl", TEXT_ARRAY, "spcoptions", TEXT_ARRAY);

    private static List<Object[]> pgTablespace(TableShape shape, CatalogSnapshot snapshot) {
        return List.of(
                shape.row().set("oid", DEFAULT_TABLESPACE).set("spcname", "pg_default").set("spcowner", SUPERUSER)
                        .build(),
                shape.row().set("oid", 1664L).set("spcname", "pg_global").set("spcowner", SUPERUSER).build());
    }

    static final TableShape PG_COLLATION = TableShape.of("oid", OID, "collname", NAME, "collnamespace", OID,
            "collowner", OID, "collprovider", CHAR, "collisdeterministic", BOOL, "collencoding", INT4,
            "collcollate", TEXT, "collctype", TEXT, "colliculocale", TEXT, "collversion", TEXT);

    private static List<Object[]> pgCollation(TableShape shape, CatalogSnapshot snapshot) {
        return List.of(collation(shape, BuiltinTypes.DEFAULT_COLLATION, "default", "d", null),
                collation(shape, BuiltinTypes.C_COLLATION, "C", "c", "C"),
                collation(shape, 951, "POSIX", "c", "POSIX"));
    }

    private static Object[] collation(TableShape shape, long oid, String name, String provider, String locale) {
        return shape.row().set("oid", oid).set("collname", name).set("collnamespace", (long) Oids.PG_CATALOG_NAMESPACE)
                .set("collowner", SUPERUSER).set("collprovider", provider).set("collisdeterministic", true)
                .set("collencoding", -1).set("collcollate", locale).set("collctype", locale).build();
    }
}
