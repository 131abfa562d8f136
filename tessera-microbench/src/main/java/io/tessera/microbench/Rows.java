package io.tessera.microbench;

import io.tessera.common.types.TypeKind;
import java.time.Instant;

/**
 * The row the codec and wire benchmarks share: five columns of the types an OLTP table most often
 * holds (the shape of a pgbench account row plus a float and a timestamp).
 */
final class Rows {
    private Rows() {}

    static final int[] COLUMN_IDS = {1, 2, 3, 4, 5};
    static final TypeKind[] KINDS = {TypeKind.INT4, TypeKind.TEXT, TypeKind.INT8, TypeKind.FLOAT8,
            TypeKind.TIMESTAMPTZ};

    static Object[] sample() {
        return new Object[] {123_456, "customer-000123456 in region eu-west", 9_876_543_210L, 1234.5,
                Instant.parse("2024-01-02T03:04:05.123456Z")};
    }
}
