package io.tessera.sql.spi;

/**
 * OIDs of user objects. PostgreSQL hands out OIDs from 16384 up for user objects; Tessera derives
 * them from catalog ids so they are stable across nodes and restarts without a counter of their own.
 */
public final class Oids {
    private Oids() {}

    public static final int FIRST_USER_OID = 16384;
    public static final int PG_CATALOG_NAMESPACE = 11;
    public static final int PUBLIC_NAMESPACE = 2200;
    public static final int INFORMATION_SCHEMA_NAMESPACE = 13000;
    public static final int TESSERA_NAMESPACE = 13100;
    public static final int DATABASE_OID = 16383;
    public static final int SUPERUSER_OID = 10;

    /** A table's pg_class.oid; its primary-key index is tableOid + 1. */
    public static int tableOid(long tableId) {
        return Math.toIntExact(FIRST_USER_OID + tableId * 4);
    }

    public static int primaryKeyIndexOid(long tableId) {
        return tableOid(tableId) + 1;
    }

    /** The row type of a table (pg_type.oid, pg_class.reltype). */
    public static int tableRowTypeOid(long tableId) {
        return tableOid(tableId) + 2;
    }
}
