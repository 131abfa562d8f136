package io.tessera.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Derived OIDs: stable, in their range, never shared. */
class ObjectIdsTest {
    @Test
    void sequenceOidIsStableAndAboveTableOids() {
        long first = ObjectIds.sequence("customers_id_seq", oid -> false);
        assertThat(ObjectIds.sequence("customers_id_seq", oid -> false)).isEqualTo(first);
        assertThat(first).isBetween(1L << 30, (1L << 31) - 1);
    }

    @Test
    void aTakenOidMovesToTheNextFreeOne() {
        long first = ObjectIds.sequence("s", oid -> false);
        assertThat(ObjectIds.sequence("s", oid -> oid == first)).isEqualTo(first + 1);
    }

    @Test
    void manySequencesGetDistinctOids() {
        CatalogFixture f = new CatalogFixture();
        for (int i = 0; i < 3000; i++) {
            f.catalog.createSequence("seq_" + i);
        }
        List<Map<String, Object>> sequences = f.pg("pg_class", r -> r.get("relkind").equals("S"));
        Set<Object> oids = new HashSet<>();
        sequences.forEach(r -> oids.add(r.get("oid")));
        assertThat(sequences).hasSize(3002);
        assertThat(oids).hasSize(3002);
    }
}
