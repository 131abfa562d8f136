package io.tessera.sql.catalog;

import static io.tessera.common.types.TypeKind.BOOL;
import static io.tessera.common.types.TypeKind.CHAR;
import static io.tessera.common.types.TypeKind.FLOAT4;
import static io.tessera.common.types.TypeKind.BYTEA;
import static io.tessera.common.types.TypeKind.INT2;
import static io.tessera.common.types.TypeKind.INT2_ARRAY;
import static io.tessera.common.types.TypeKind.INT4;
import static io.tessera.common.types.TypeKind.NAME;
import static io.tessera.common.types.TypeKind.OID;
import static io.tessera.common.types.TypeKind.OID_ARRAY;
import static io.tessera.common.types.TypeKind.TEXT;
import static io.tessera.common.types.TypeKind.TEXT_ARRAY;

import java.util.List;

/**
 * Catalogs that hold nothing for Tessera's objects, exactly as PostgreSQL's would for the same
 * schema: no inheritance or PostgreSQL partitioning (Tessera's fragments are not partitions), no
 * triggers, row-level policies, extended statistics, publications, foreign tables, rules,
 * comments, role memberships, extensions or enum types. psql's {@code \d table} queries them all
 * and prints nothing for an empty answer, so they must exist with PostgreSQL's columns.
 */
final class EmptyTables {
    private EmptyTables() {}

    static List<VirtualTable> all(PgCatalogProvider owner) {
        return List.of(
                empty(owner, "pg_inherits", 2611, TableShape.of("inhrelid", OID, "inhparent", OID, "inhseqno", INT4,
                        "inhdetachpending", BOOL)),
                empty(owner, "pg_partitioned_table", 3350, TableShape.of("partrelid", OID, "partstrat", CHAR,
                        "partnatts", INT2, "partdefid", OID, "partattrs", INT2_ARRAY, "partclass", OID_ARRAY,
                        "partcollation", OID_ARRAY, "partexprs", TEXT)),
                empty(owner, "pg_trigger", 2620, TableShape.of("oid", OID, "tgrelid", OID, "tgparentid", OID,
                        "tgname", NAME, "tgfoid", OID, "tgtype", INT2, "tgenabled", CHAR, "tgisinternal", BOOL,
                        "tgconstrrelid", OID, "tgconstrindid", OID, "tgconstraint", OID, "tgdeferrable", BOOL,
                        "tginitdeferred", BOOL, "tgnargs", INT2, "tgattr", INT2_ARRAY, "tgargs", BYTEA, "tgqual", TEXT,
                        "tgoldtable", NAME, "tgnewtable", NAME)),
                empty(owner, "pg_policy", 3256, TableShape.of("oid", OID, "polname", NAME, "polrelid", OID,
                        "polcmd", CHAR, "polpermissive", BOOL, "polroles", OID_ARRAY, "polqual", TEXT,
                        "polwithcheck", TEXT)),
                empty(owner, "pg_statistic_ext", 3381, TableShape.of("oid", OID, "stxrelid", OID, "stxname", NAME,
                        "stxnamespace", OID, "stxowner", OID, "stxstattarget", INT4, "stxkeys", INT2_ARRAY,
                        "stxkind", TEXT_ARRAY, "stxexprs", TEXT)),
                empty(owner, "pg_publication", 6104, TableShape.of("oid", OID, "pubname", NAME, "pubowner", OID,
                        "puballtables", BOOL, "pubinsert", BOOL, "pubupdate", BOOL, "pubdelete", BOOL,
                        "pubtruncate", BOOL, "pubviaroot", BOOL)),
                empty(owner, "pg_publication_rel", 6106, TableShape.of("oid", OID, "prpubid", OID, "prrelid", OID,
                        "prqual", TEXT, "prattrs", INT2_ARRAY)),
                empty(owner, "pg_publication_namespace", 6237, TableShape.of("oid", OID, "pnpubid", OID,
                        "pnnspid", OID)),
                empty(owner, "pg_foreign_table", 3118, TableShape.of("ftrelid", OID, "ftserver", OID,
                        "ftoptions", TEXT_ARRAY)),
                empty(owner, "pg_rewrite", 2618, TableShape.of("oid", OID, "rulename", NAME, "ev_class", OID,
                        "ev_type", CHAR, "ev_enabled", CHAR, "is_instead", BOOL, "ev_qual", TEXT, "ev_action", TEXT)),
                empty(owner, "pg_description", 2609, TableShape.of("objoid", OID, "classoid", OID, "objsubid", INT4,
                        "description", TEXT)),
                empty(owner, "pg_shdescription", 2396, TableShape.of("objoid", OID, "classoid", OID,
                        "description", TEXT)),
                empty(owner, "pg_auth_members", 1261, TableShape.of("roleid", OID, "member", OID, "grantor", OID,
                        "admin_option", BOOL)),
                empty(owner, "pg_extension", 3079, TableShape.of("oid", OID, "extname", NAME, "extowner", OID,
                        "extnamespace", OID, "extrelocatable", BOOL, "extversion", TEXT, "extconfig", OID_ARRAY,
                        "extcondition", TEXT_ARRAY)),
                empty(owner, "pg_enum", 3501, TableShape.of("oid", OID, "enumtypid", OID, "enumsortorder", FLOAT4,
                        "enumlabel", NAME)),
                new VirtualTable("pg_catalog", "pg_views", 12007, true, TableShape.of("schemaname", NAME,
                        "viewname", NAME, "viewowner", NAME, "definition", TEXT), EmptyTables::pgViews, owner));
    }

    /** The user's views (the system views of this provider are not listed, unlike PostgreSQL's). */
    private static List<Object[]> pgViews(TableShape shape, CatalogSnapshot snapshot) {
        return snapshot.relations().stream()
                .filter(r -> r.kind().equals("v") && r.namespace().oid() == io.tessera.sql.spi.Oids.PUBLIC_NAMESPACE)
                .map(r -> shape.row().set("schemaname", r.namespace().name()).set("viewname", r.name())
                        .set("viewowner", CatalogSnapshot.SUPERUSER_NAME)
                        .set("definition", snapshot.viewDefinition(r.oid()).orElse(null)).build())
                .toList();
    }

    private static VirtualTable empty(PgCatalogProvider owner, String name, int oid, TableShape shape) {
        return new VirtualTable("pg_catalog", name, oid, false, shape, (s, snapshot) -> List.of(), owner);
    }
}
