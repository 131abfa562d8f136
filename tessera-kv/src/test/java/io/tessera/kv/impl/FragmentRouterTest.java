package io.tessera.kv.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.FragmentSpans;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.types.SqlType;
import io.tessera.common.types.TypeKind;
import io.tessera.kv.api.FragmentRouter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentRouterTest {
    static TableDescriptor table(int fragments) {
        List<FragmentDescriptor> fs = new ArrayList<>();
        List<byte[][]> spans = FragmentSpans.hashSpans(fragments);
        for (int i = 0; i < fragments; i++) {
            fs.add(new FragmentDescriptor(10 + i, 3, spans.get(i)[0], spans.get(i)[1]));
        }
        return new TableDescriptor(3, "t", List.of(new ColumnDescriptor(1, "a", SqlType.INT4, true, null, false),
                new ColumnDescriptor(2, "b", SqlType.TEXT, true, null, false)), List.of(0, 1), fs);
    }

    static byte[] key(int a, String b) {
        return KeySpace.tableKey(3, KeyCodec.encode(List.of(a, b), List.of(TypeKind.INT4, TypeKind.TEXT)));
    }

    @Test
    void aFullKeySpanGoesToItsOwnerAndAnyWiderSpanToAllFragments() {
        TableDescriptor t = table(8);
        byte[] k = key(1, "x");
        FragmentDescriptor owner = FragmentRouter.owner(t, k);
        assertThat(FragmentRouter.overlapping(t, k, Arrays.copyOf(k, k.length + 1))).containsExactly(owner);
        assertThat(FragmentRouter.overlapping(t, k, KeyCodec.prefixEnd(k))).containsExactly(owner);

        byte[] prefix = KeySpace.tableKey(3, KeyCodec.encode(List.of(1), List.of(TypeKind.INT4)));
        assertThat(FragmentRouter.overlapping(t, prefix, KeyCodec.prefixEnd(prefix))).hasSize(8);
        assertThat(FragmentRouter.overlapping(t, KeySpace.tablePrefix(3), null)).hasSize(8);
        assertThat(FragmentRouter.overlapping(t, k, key(2, "a"))).hasSize(8);
    }

    @Test
    void ownersAreStableAndSpreadOverFragments() {
        TableDescriptor t = table(4);
        boolean[] used = new boolean[4];
        for (int i = 0; i < 100; i++) {
            FragmentDescriptor f = FragmentRouter.owner(t, key(i, "k"));
            assertThat(FragmentRouter.owner(t, key(i, "k"))).isSameAs(f);
            used[(int) f.id() - 10] = true;
        }
        assertThat(used).containsOnly(true);
        assertThatThrownBy(() -> FragmentRouter.owner(t, KeySpace.tableKey(4, new byte[] {2})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
