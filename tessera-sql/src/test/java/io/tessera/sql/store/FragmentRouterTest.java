package io.tessera.sql.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.types.TypeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentRouterTest {
    private static byte[] key(long id) {
        return KeySpace.tableKey(7, KeyCodec.encode(List.of(id), List.of(TypeKind.INT8)));
    }

    /** Three fragments: (-inf, 0), [0, 100), [100, +inf) in key order. */
    private final TableDescriptor table = new TableDescriptor(7, "t", List.of(), List.of(), List.of(
            new FragmentDescriptor(1, 7, null, key(0)),
            new FragmentDescriptor(2, 7, key(0), key(100)),
            new FragmentDescriptor(3, 7, key(100), null)));

    @Test
    void aKeyGoesToTheFragmentWhoseSpanHoldsIt() {
        assertThat(FragmentRouter.fragmentFor(table, key(-5))).isEqualTo(1);
        assertThat(FragmentRouter.fragmentFor(table, key(0))).isEqualTo(2);
        assertThat(FragmentRouter.fragmentFor(table, key(99))).isEqualTo(2);
        assertThat(FragmentRouter.fragmentFor(table, key(100))).isEqualTo(3);
    }

    @Test
    void aSpanIsClippedToEachOverlappingFragmentInKeyOrder() {
        List<FragmentRouter.Piece> pieces = FragmentRouter.pieces(table, new KeySpan(key(50), key(150)));
        assertThat(pieces).extracting(FragmentRouter.Piece::fragmentId).containsExactly(2L, 3L);
        assertThat(pieces.get(0).start()).isEqualTo(key(50));
        assertThat(pieces.get(0).end()).isEqualTo(key(100));
        assertThat(pieces.get(1).start()).isEqualTo(key(100));
        assertThat(pieces.get(1).end()).isEqualTo(key(150));
        assertThat(FragmentRouter.pieces(table, new KeySpan(key(10), key(20))))
                .extracting(FragmentRouter.Piece::fragmentId).containsExactly(2L);
        assertThat(FragmentRouter.pieces(table, KeySpan.wholeTable(7)))
                .extracting(FragmentRouter.Piece::fragmentId).containsExactly(1L, 2L, 3L);
        assertThat(FragmentRouter.pieces(table, new KeySpan(key(100), key(100)))).isEmpty();
    }
}
