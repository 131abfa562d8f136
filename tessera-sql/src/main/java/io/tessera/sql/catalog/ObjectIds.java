package io.tessera.sql.catalog;

import io.tessera.sql.spi.Oids;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * OIDs of catalog objects that {@link Oids} does not number: sequences, column defaults, primary
 * key constraints. They must be the same on every node and after every restart without a counter
 * of their own, so they are derived: a primary-key constraint takes the table's fourth OID slot
 * (Oids reserves four per table: table, index, row type, and this), a sequence or a default a
 * CRC-32 of its name folded into [2^30, 2^31), far above the table OIDs any cluster reaches.
 */
final class ObjectIds {
    private static final long DERIVED_BASE = 1L << 30;

    private ObjectIds() {}

    static long primaryKeyConstraint(long tableId) {
        return Oids.tableOid(tableId) + 3L;
    }

    /**
     * A sequence's OID. Two names whose hashes collide would share an OID, so the later name (the
     * snapshot numbers sequences in name order) takes the next free one: stable as long as no
     * colliding name is created in between, and never a duplicate.
     */
    static long sequence(String name, java.util.function.LongPredicate taken) {
        long oid = derived("sequence:" + name);
        while (taken.test(oid)) {
            oid = oid + 1 < 2 * DERIVED_BASE ? oid + 1 : DERIVED_BASE;
        }
        return oid;
    }

    static long checkConstraint(long tableOid, String name) {
        return derived("check:" + tableOid + ":" + name);
    }

    static long attributeDefault(long tableOid, int attnum) {
        return derived("attrdef:" + tableOid + ":" + attnum);
    }

    private static long derived(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return DERIVED_BASE + (crc.getValue() % DERIVED_BASE);
    }
}
