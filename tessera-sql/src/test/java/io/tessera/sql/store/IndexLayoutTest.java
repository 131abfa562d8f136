package io.tessera.sql.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.FragmentSpans;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.common.types.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexLayoutTest {
    private static final int FRAGMENTS = 8;

    private static List<FragmentDescriptor> fragments(long firstId, long owner) {
        List<FragmentDescriptor> out = new ArrayList<>();
        long id = firstId;
        for (byte[][] span : FragmentSpans.hashSpans(FRAGMENTS)) {
            out.add(new FragmentDescriptor(id++, owner, span[0], span[1]));
        }
        return out;
    }

    private static IndexLayout layout(boolean unique) {
        TableDescriptor table = new TableDescriptor(7, "t", List.of(
                new ColumnDescriptor(1, "id", SqlType.INT8, true, null, false),
                new ColumnDescriptor(2, "email", SqlType.TEXT, false, null, false)), List.of(0), fragments(1, 7));
        IndexDescriptor index = new IndexDescriptor(9, "t_email", 7, List.of(2), List.of(), unique,
                IndexDescriptor.State.PUBLIC, fragments(100, 9));
        return new IndexLayout(table.withIndexes(List.of(index)), index);
    }

    @Test
    void everyEntryOfOneValueLiesInTheFragmentItsLookupReads() {
        IndexLayout layout = layout(false);
        for (int v = 0; v < 50; v++) {
            byte[] prefix = layout.lookupPrefix(List.of("user" + v));
            long lookupFragment = layout.fragmentOf(prefix, prefix.length);
            Set<Long> entryFragments = new HashSet<>();
            for (long id = 0; id < 20; id++) {
                IndexLayout.Entry e = layout.entry(new Object[] {id, "user" + v});
                assertThat(e.exclusive()).isFalse();
                assertThat(Arrays.copyOf(e.key(), prefix.length)).isEqualTo(prefix);
                assertThat(layout.primaryKey(e.value())).containsExactly(id);
                entryFragments.add(layout.fragmentOf(e));
                // The KV layer finds the same owner by decoding the key.
                assertThat(io.tessera.kv.api.FragmentRouter.indexOwner(layout.table(), layout.index(), e.key()).id())
                        .isEqualTo(lookupFragment);
            }
            assertThat(entryFragments).containsExactly(lookupFragment);
        }
    }

    @Test
    void valuesSpreadOverTheIndexFragments() {
        IndexLayout layout = layout(false);
        Set<Long> used = new HashSet<>();
        for (int v = 0; v < 200; v++) {
            used.add(layout.fragmentOf(layout.entry(new Object[] {1L, "user" + v})));
        }
        assertThat(used).hasSize(FRAGMENTS);
    }

    @Test
    void uniqueEntriesAreKeyedByTheValueAloneUnlessItIsNull() {
        IndexLayout layout = layout(true);
        IndexLayout.Entry a = layout.entry(new Object[] {1L, "x"});
        IndexLayout.Entry b = layout.entry(new Object[] {2L, "x"});
        assertThat(a.exclusive()).isTrue();
        assertThat(a.key()).isEqualTo(b.key()).isEqualTo(layout.lookupPrefix(List.of("x")));
        IndexLayout.Entry n1 = layout.entry(new Object[] {1L, null});
        IndexLayout.Entry n2 = layout.entry(new Object[] {2L, null});
        assertThat(n1.exclusive()).isFalse();
        assertThat(n1.key()).isNotEqualTo(n2.key());
    }
}
