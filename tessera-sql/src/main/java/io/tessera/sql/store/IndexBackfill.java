package io.tessera.sql.store;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.kv.api.KvStore;
import io.tessera.kv.api.Mutation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the entries of a batch of existing rows into a write-only index (CREATE INDEX's
 * backfill). Writers maintain the index concurrently, so an entry may already be there: a unique
 * entry that exists is fine when it names the same row, and a duplicate only when it names another.
 */
final class IndexBackfill {
    private IndexBackfill() {}

    static void writeBatch(KvStore kv, IndexLayout layout, List<Object[]> rows) {
        Map<Long, List<Mutation>> byFragment = new LinkedHashMap<>();
        Map<ByteBuffer, Object[]> exclusive = new HashMap<>();
        for (Object[] row : rows) {
            IndexLayout.Entry e = layout.entry(row);
            if (e.exclusive() && exclusive.put(ByteBuffer.wrap(e.key()), row) != null) {
                throw duplicated(layout, row);
            }
            Mutation m = e.exclusive() ? new Mutation.PutIfAbsent(e.key(), e.value()) : new Mutation.Put(e.key(), e.value());
            byFragment.computeIfAbsent(layout.fragmentOf(e), k -> new ArrayList<>()).add(m);
        }
        byFragment.forEach((fragment, mutations) -> {
            for (List<Mutation> piece : KvRowStore.split(mutations)) {
                write(kv, layout, fragment, piece, exclusive);
            }
        });
    }

    private static void write(KvStore kv, IndexLayout layout, long fragment, List<Mutation> piece,
            Map<ByteBuffer, Object[]> exclusive) {
        try {
            kv.write(fragment, piece);
        } catch (SqlException e) {
            if (!SqlState.UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
            // Some unique entries exist: keep those of the same row, write the others one by one.
            for (Mutation m : piece) {
                if (m instanceof Mutation.PutIfAbsent p) {
                    Optional<byte[]> existing = kv.get(fragment, p.key());
                    if (existing.isEmpty()) {
                        kv.write(fragment, List.of(p));
                    } else if (!Arrays.equals(existing.get(), p.value())) {
                        throw duplicated(layout, exclusive.get(ByteBuffer.wrap(p.key())));
                    }
                } else {
                    kv.write(fragment, List.of(m));
                }
            }
        }
    }

    /** PostgreSQL's error when CREATE UNIQUE INDEX meets duplicate values. */
    static SqlException duplicated(IndexLayout layout, Object[] row) {
        return new SqlException(SqlState.UNIQUE_VIOLATION,
                "could not create unique index \"" + layout.index().name() + "\"")
                .withDetail("Key " + IndexChanges.describe(layout, row) + " is duplicated.");
    }
}
