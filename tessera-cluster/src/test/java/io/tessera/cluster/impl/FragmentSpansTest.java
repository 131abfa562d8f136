package io.tessera.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.FragmentSpans;
import io.tessera.common.encoding.KeyCodec;
import io.tessera.common.encoding.KeySpace;
import io.tessera.common.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentSpansTest {
    static List<FragmentDescriptor> fragments(int n) {
        List<FragmentDescriptor> out = new ArrayList<>();
        List<byte[][]> spans = FragmentSpans.hashSpans(n);
        for (int i = 0; i < n; i++) {
            out.add(new FragmentDescriptor(i, 1, spans.get(i)[0], spans.get(i)[1]));
        }
        return out;
    }

    @Test
    void everyKeyHasExactlyOneFragmentAndBucketsAreBalanced() {
        List<FragmentDescriptor> fragments = fragments(4);
        int[] counts = new int[4];
        for (long id = 0; id < 4000; id++) {
            byte[] key = KeySpace.tableKey(7, KeyCodec.encode(List.of(id), List.of(TypeKind.INT8)));
            long hash = FragmentSpans.bucketHash(key);
            int owners = 0;
            for (int f = 0; f < 4; f++) {
                if (FragmentSpans.contains(fragments.get(f), hash)) {
                    owners++;
                    counts[f]++;
                }
            }
            assertThat(owners).isEqualTo(1);
        }
        for (int c : counts) {
            assertThat(c).isBetween(800, 1200);
        }
    }

    @Test
    void spansAreContiguousAndCoverTheHashSpace() {
        List<FragmentDescriptor> fragments = fragments(3);
        assertThat(fragments.get(0).startKey()).containsExactly(0, 0, 0, 0);
        assertThat(fragments.get(0).endKey()).isEqualTo(fragments.get(1).startKey());
        assertThat(fragments.get(2).endKey()).isNull();
        assertThat(FragmentSpans.contains(fragments.get(2), 0xFFFF_FFFFL)).isTrue();
        assertThat(FragmentSpans.contains(fragments(1).get(0), 0)).isTrue();
        assertThatThrownBy(() -> FragmentSpans.hashSpans(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
