package io.tessera.sql.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.FragmentSpans;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentRouterTest {
    private static byte[] key(long id) {
        return KeySpace.tableKey(7, KeyCodec.encode(List.of(id), List.of(TypeKind.INT8)));
    }

    /** Four hash fragments of a table keyed by one BIGINT. */
    private final TableDescriptor table = table(4);

    private static TableDescriptor table(int fragmentCount) {
        List<FragmentDescriptor> fragments = new ArrayList<>();
        long id = 1;
        for (byte[][] span : FragmentSpans.hashSpans(fragmentCount)) {
            fragments.add(new FragmentDescriptor(id++, 7, span[0], span[1]));
        }
        return new TableDescriptor(7, "t", List.of(new ColumnDescriptor(1, "id", SqlType.INT8, true, null, false)),
                List.of(0), fragments);
    }

    @Test
    void aKeyGoesToTheFragmentWhoseHashBucketHoldsIt() {
        for (long k = -50; k < 50; k++) {
            long owner = FragmentRouter.fragmentFor(table, key(k));
            FragmentDescriptor f = table.fragments().get((int) owner - 1);
            assertThat(FragmentSpans.contains(f, FragmentSpans.bucketHash(key(k)))).isTrue();
        }
    }

    @Test
    void keysSpreadOverEveryFragment() {
        java.util.Set<Long> owners = new java.util.HashSet<>();
        for (long k = 0; k < 100; k++) {
            owners.add(FragmentRouter.fragmentFor(table, key(k)));
        }
        assertThat(owners).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    }

    @Test
    void aSingleKeySpanTouchesOnlyItsOwnerAndARangeTouchesAll() {
        byte[] k = key(42);
        List<FragmentRouter.Piece> point = FragmentRouter.pieces(table, KeySpan.prefix(k));
        assertThat(point).extracting(FragmentRouter.Piece::fragmentId).containsExactly(FragmentRouter.fragmentFor(table, k));
        List<FragmentRouter.Piece> range = FragmentRouter.pieces(table, new KeySpan(key(10), key(20)));
        assertThat(range).extracting(FragmentRouter.Piece::fragmentId).containsExactly(1L, 2L, 3L, 4L);
        assertThat(range).allSatisfy(p -> {
            assertThat(p.start()).isEqualTo(key(10));
            assertThat(p.end()).isEqualTo(key(20));
        });
    }
}
